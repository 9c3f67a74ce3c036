using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Tests.Infrastructure;
using Orleans.Runtime;

namespace Nettiturvakoti.Tests.Grains;

/// <summary>The conversation, queue and counsellor grains on a real database (both backends).</summary>
public abstract class ConversationGrainTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Start_KnownQueue_SeekerWaitsInThatQueue()
    {
        var (id, _) = await StartAsync("fi");

        var view = await Conversation(id).GetViewAsync(Participant.Seeker);
        var queue = await Grains.GetGrain<IQueueGrain>("fi").GetSnapshotAsync();

        Assert.Equal(ConversationStatus.Waiting, view.Status);
        Assert.Null(view.SeekerAddress);
        Assert.Contains(queue.Waiting, w => w.ConversationId == id);
    }

    [Fact]
    public async Task Start_UnknownQueue_FailsAndStoresNothing()
    {
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<ChatRuleException>(() =>
            Conversation(id).StartAsync(new StartConversation("no-such-chat", NewSecret(), "192.0.2.1", "fi")));

        Assert.Equal(ErrorCodes.UnknownQueue, error.Code);
        Assert.False(await Conversation(id).IsSeekerAsync("anything-at-all-anything-at-all-!"));
        Assert.Equal(0, await CountRowsAsync("seeker_address", id));
    }

    [Fact]
    public async Task GuidKeyedGrains_ReferencesAfterTheFirst_SameGrainAsGetGrain()
    {
        var (id, secret) = await StartAsync("fi");
        var other = Guid.NewGuid();
        var cached = new GuidKeyedGrains<IConversationGrain>(Grains);

        var first = cached.Get(Guid.NewGuid());
        var built = cached.Get(id);

        Assert.Equal(Grains.GetGrain<IConversationGrain>(id).GetGrainId(), built.GetGrainId());
        Assert.Equal(Grains.GetGrain<IConversationGrain>(other).GetGrainId(), cached.Get(other).GetGrainId());
        Assert.Equal(((GrainReference)first).InterfaceType, ((GrainReference)built).InterfaceType);
        Assert.True(await built.IsSeekerAsync(secret));
    }

    [Fact]
    public async Task IsSeeker_WrongSecretOrNeverStarted_False()
    {
        var (id, secret) = await StartAsync("fi");

        Assert.True(await Conversation(id).IsSeekerAsync(secret));
        Assert.False(await Conversation(id).IsSeekerAsync(NewSecret()));
        Assert.False(await Conversation(Guid.NewGuid()).IsSeekerAsync(secret));
    }

    [Fact]
    public async Task Take_WaitingSeeker_CounsellorJoinsAndSeesAddress()
    {
        var (id, _) = await StartAsync("fi", address: "198.51.100.23");
        var counsellor = await TestAccounts.CreateCounsellorAsync(Grains);

        var taken = await Grains.GetGrain<ICounsellorGrain>(counsellor.Id).TakeAsync("fi", id);
        var entries = await Conversation(id).ReadAfterAsync(Participant.Seeker, 0);
        var queue = await Grains.GetGrain<IQueueGrain>("fi").GetSnapshotAsync();

        Assert.Equal(ConversationStatus.Active, taken.Status);
        Assert.Equal("198.51.100.23", taken.SeekerAddress);
        Assert.Equal(counsellor.ChatName, taken.CounsellorName);
        Assert.Equal(EntryKind.CounsellorJoined, Assert.Single(entries).Kind);
        Assert.DoesNotContain(queue.Waiting, w => w.ConversationId == id);
        Assert.Null((await Conversation(id).GetViewAsync(Participant.Seeker)).SeekerAddress);
    }

    [Fact]
    public async Task Send_BothSides_EntriesNumberedInOrderWithoutGaps()
    {
        var (id, counsellor) = await StartActiveAsync();

        await Conversation(id).SendAsync(Participant.Seeker, "s1", "Hei, tarvitsen apua.");
        await Conversation(id).SendAsync(counsellor, "c1", "Hei, olen täällä.");
        await Conversation(id).SendAsync(Participant.Seeker, "s2", "Kiitos.");
        var entries = await Conversation(id).ReadAfterAsync(counsellor, 0);

        Assert.Equal([1L, 2L, 3L, 4L], entries.Select(e => e.Sequence));
        Assert.Equal(
            [Party.System, Party.Seeker, Party.Counsellor, Party.Seeker],
            entries.Select(e => e.Author));
        Assert.Equal("Kiitos.", entries[^1].Text);
        Assert.Equal([3L, 4L], (await Conversation(id).ReadAfterAsync(Participant.Seeker, 2)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Send_SameClientMessageIdTwice_StoredOnce()
    {
        var (id, _) = await StartActiveAsync();

        var first = await Conversation(id).SendAsync(Participant.Seeker, "retry-1", "Oletko siellä?");
        var second = await Conversation(id).SendAsync(Participant.Seeker, "retry-1", "Oletko siellä?");

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.Entry, second.Entry);
        Assert.Equal(1, await CountRowsAsync("chat_entry", id, "client_message_id = 'retry-1'"));
    }

    [Fact]
    public async Task Send_WhileWaiting_SeekerMayWriteFirst()
    {
        var (id, _) = await StartAsync("fi");

        var sent = await Conversation(id).SendAsync(Participant.Seeker, "early", "Kirjoitan jo odottaessani.");

        Assert.Equal(1, sent.Entry.Sequence);
    }

    [Theory]
    [InlineData("", ErrorCodes.MessageEmpty)]
    [InlineData("   \n\t ", ErrorCodes.MessageEmpty)]
    [InlineData("nul\0byte", ErrorCodes.MessageInvalid)]
    [InlineData("bell\u0007", ErrorCodes.MessageInvalid)]
    public async Task Send_BadText_RefusedAndNothingStored(string text, string code)
    {
        var (id, _) = await StartActiveAsync();
        var before = await CountRowsAsync("chat_entry", id);

        var error = await Assert.ThrowsAsync<ChatRuleException>(() =>
            Conversation(id).SendAsync(Participant.Seeker, "bad-1", text));

        Assert.Equal(code, error.Code);
        Assert.Equal(before, await CountRowsAsync("chat_entry", id));
    }

    [Fact]
    public async Task Send_OverLongText_RefusedAndNothingStored()
    {
        var (id, _) = await StartActiveAsync();
        var before = await CountRowsAsync("chat_entry", id);

        var error = await Assert.ThrowsAsync<ChatRuleException>(() =>
            Conversation(id).SendAsync(Participant.Seeker, "long-1", new string('a', ChatLimits.MaxMessageLength + 1)));
        var atLimit = await Conversation(id).SendAsync(Participant.Seeker, "long-2", new string('a', ChatLimits.MaxMessageLength));

        Assert.Equal(ErrorCodes.MessageTooLong, error.Code);
        Assert.Equal(before + 1, await CountRowsAsync("chat_entry", id));
        Assert.Equal(ChatLimits.MaxMessageLength, atLimit.Entry.Text.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("<script>")]
    [InlineData("päivä-1")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345")]
    public async Task Send_BadClientMessageId_Refused(string clientMessageId)
    {
        var (id, _) = await StartActiveAsync();

        var error = await Assert.ThrowsAsync<ChatRuleException>(() =>
            Conversation(id).SendAsync(Participant.Seeker, clientMessageId, "Hei"));

        Assert.Equal(ErrorCodes.BadClientMessageId, error.Code);
    }

    [Fact]
    public async Task OtherCounsellor_CannotReadWriteOrEnd()
    {
        var (id, _) = await StartActiveAsync();
        var stranger = Participant.Counsellor((await TestAccounts.CreateCounsellorAsync(Grains)).Id);

        var errors = new[]
        {
            await Assert.ThrowsAsync<ChatRuleException>(() => Conversation(id).SendAsync(stranger, "x1", "Hei")),
            await Assert.ThrowsAsync<ChatRuleException>(() => Conversation(id).ReadAfterAsync(stranger, 0)),
            await Assert.ThrowsAsync<ChatRuleException>(() => Conversation(id).GetViewAsync(stranger)),
            await Assert.ThrowsAsync<ChatRuleException>(() => Conversation(id).EndAsync(stranger)),
        };

        Assert.All(errors, e => Assert.Equal(ErrorCodes.NotYourConversation, e.Code));
        Assert.Equal(ConversationStatus.Active, (await Conversation(id).GetViewAsync(Participant.Seeker)).Status);
    }

    [Fact]
    public async Task NeverStartedConversation_ActsLikeSomeoneElses()
    {
        var error = await Assert.ThrowsAsync<ChatRuleException>(() =>
            Conversation(Guid.NewGuid()).SendAsync(Participant.Seeker, "x1", "Hei"));

        Assert.Equal(ErrorCodes.NotYourConversation, error.Code);
    }

    [Fact]
    public async Task End_BySeeker_EndedForBothAndAddressDeleted()
    {
        var (id, counsellor) = await StartActiveAsync();
        Assert.Equal(1, await CountRowsAsync("seeker_address", id));

        await Conversation(id).EndAsync(Participant.Seeker);
        var error = await Assert.ThrowsAsync<ChatRuleException>(() =>
            Conversation(id).SendAsync(counsellor, "late", "Oletko vielä siellä?"));
        var view = await Conversation(id).GetViewAsync(counsellor);

        Assert.Equal(ErrorCodes.ConversationEnded, error.Code);
        Assert.Equal(ConversationStatus.Ended, view.Status);
        Assert.Null(view.SeekerAddress);
        Assert.Equal(0, await CountRowsAsync("seeker_address", id));
        Assert.Empty(await Conversation(id).ReadAfterAsync(counsellor, 0));
        Assert.Equal(0, await CountRowsAsync("chat_entry", id)); // the text goes as the chat ends
        await Wait.UntilAsync(
            async () => !(await Grains.GetGrain<ICounsellorGrain>(counsellor.CounsellorId).GetStatusAsync()).ActiveConversations.Contains(id),
            "the counsellor to be told the conversation ended");
    }

    [Fact]
    public async Task End_WhileWaiting_LeavesTheQueue()
    {
        var (id, _) = await StartAsync("fi");

        var view = await Conversation(id).EndAsync(Participant.Seeker);

        Assert.Equal(ConversationStatus.Ended, view.Status);
        await Wait.UntilAsync(
            async () => !(await Grains.GetGrain<IQueueGrain>("fi").GetSnapshotAsync()).Waiting.Any(w => w.ConversationId == id),
            "the seeker to leave the queue");
        Assert.Equal(0, await CountRowsAsync("waiting_seeker", id));
    }

    [Fact]
    public async Task Take_QueueNeedingQualification_RefusedForUnqualified()
    {
        var (id, _) = await StartAsync("sv");
        var counsellor = await TestAccounts.CreateCounsellorAsync(Grains, "youth");

        var error = await Assert.ThrowsAsync<ChatRuleException>(() =>
            Grains.GetGrain<ICounsellorGrain>(counsellor.Id).TakeAsync("sv", id));

        Assert.Equal(ErrorCodes.NotQualified, error.Code);
        Assert.Equal(ConversationStatus.Waiting, (await Conversation(id).GetViewAsync(Participant.Seeker)).Status);
    }

    [Fact]
    public async Task ThousandMessages_GrainStateIsNotRewrittenPerMessage()
    {
        var (id, counsellor) = await StartActiveAsync();

        for (var i = 1; i <= 1000; i++)
        {
            await Conversation(id).SendAsync(i % 2 == 0 ? counsellor : Participant.Seeker, $"m{i}", $"viesti {i}");
        }

        // Messages are rows of their own; the conversation's grain state was written only by the
        // start, the take and the relay bookkeeping, not once per message.
        Assert.Equal(1001, await CountRowsAsync("chat_entry", id));
        var stateVersions = await Db.ScalarAsync(
            fixture.Storage, "SELECT COALESCE(MAX(version), 0) FROM grain_state WHERE state_name = 'conversation'");
        Assert.InRange(stateVersions, 1, 10);
    }

    [Fact]
    public async Task SiloRestart_MessagesQueueAndDuplicateDetectionSurvive()
    {
        var (active, counsellor) = await StartActiveAsync();
        await Conversation(active).SendAsync(Participant.Seeker, "before-1", "Ennen uudelleenkäynnistystä");
        var (waiting, _) = await StartAsync("fi");

        await fixture.RestartSiloAsync();

        var entries = await Conversation(active).ReadAfterAsync(counsellor, 0);
        var repeat = await Conversation(active).SendAsync(Participant.Seeker, "before-1", "Ennen uudelleenkäynnistystä");
        var next = await Conversation(active).SendAsync(counsellor, "after-1", "Jälkeen");
        var queue = await Grains.GetGrain<IQueueGrain>("fi").GetSnapshotAsync();

        Assert.Equal([EntryKind.CounsellorJoined, EntryKind.Message], entries.Select(e => e.Kind));
        Assert.True(repeat.Duplicate);
        Assert.Equal(3, next.Entry.Sequence);
        Assert.Contains(queue.Waiting, w => w.ConversationId == waiting);
        Assert.Equal(ConversationStatus.Active, (await Conversation(active).GetViewAsync(counsellor)).Status);
    }

    private IConversationGrain Conversation(Guid id) => Grains.GetGrain<IConversationGrain>(id);

    private async Task<(Guid Id, string Secret)> StartAsync(string queue, string address = "203.0.113.5")
    {
        var id = Guid.NewGuid();
        var secret = NewSecret();
        await Conversation(id).StartAsync(new StartConversation(queue, secret, address, "fi"));
        return (id, secret);
    }

    private async Task<(Guid Id, Participant Counsellor)> StartActiveAsync()
    {
        var (id, _) = await StartAsync("fi");
        var account = await TestAccounts.CreateCounsellorAsync(Grains);
        await Grains.GetGrain<ICounsellorGrain>(account.Id).TakeAsync("fi", id);
        return (id, Participant.Counsellor(account.Id));
    }

    private Task<long> CountRowsAsync(string table, Guid conversationId, string? condition = null) =>
        Db.ScalarAsync(
            fixture.Storage,
            $"SELECT COUNT(*) FROM {table} WHERE conversation_id = @id" + (condition is null ? "" : $" AND {condition}"),
            ("@id", conversationId));

    private static string NewSecret() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}

[Collection(SqliteCluster.Name)]
public sealed class ConversationGrainTestsOnSqlite(SqliteClusterFixture fixture) : ConversationGrainTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class ConversationGrainTestsOnPostgres(PostgresClusterFixture fixture) : ConversationGrainTests(fixture);
