using System.Globalization;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Feedback;
using Nettiturvakoti.Privacy;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Tests.Grains;
using Nettiturvakoti.Tests.Infrastructure;

namespace Nettiturvakoti.Tests.Privacy;

/// <summary>
/// What is deleted is gone from the database itself: chat text and the address when a chat ends,
/// the conversation's record an hour later, every address and contact limit at the monthly purge.
/// Checked by reading every table directly, on both databases.
/// </summary>
public abstract class RetentionTests(TimeTravelFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task EndedChat_TextKeptForTheGraceThenGoneThenTheRecordGone()
    {
        var (id, counsellor, marker, address) = await ChatAsync();

        await Grains.GetGrain<IConversationGrain>(id).EndAsync(Participant.Counsellor(counsellor));
        var atEnd = await DbSearch.FindAsync(fixture.Storage, marker);
        var addressAtEnd = await DbSearch.FindAsync(fixture.Storage, address);
        await AdvanceAsync(TimeSpan.FromMinutes(11));
        await fixture.WaitWhileTimePassesAsync(async () => (await DbSearch.FindAsync(fixture.Storage, marker)).Count == 0,
            "the chat text to be deleted after the grace");
        var textGoneAt = fixture.Time.GetUtcNow();
        await AdvanceAsync(TimeSpan.FromMinutes(50));
        await fixture.WaitWhileTimePassesAsync(async () => await ConversationRowsAsync(id) == 0,
            "the conversation's record to be deleted an hour after the end");
        Assert.InRange(fixture.Time.GetUtcNow() - textGoneAt, TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(70));

        Assert.Contains("chat_entry.body", atEnd);
        Assert.Empty(addressAtEnd);
        Assert.False(await Grains.GetGrain<IConversationGrain>(id).IsSeekerAsync(Secret(id)));
    }

    [Fact]
    public async Task Feedback_StoredWithChatAndMonthOnly_CannotBeJoinedToTheConversation()
    {
        var (id, counsellor, _, _) = await ChatAsync();
        var conversation = Grains.GetGrain<IConversationGrain>(id);
        var early = await Assert.ThrowsAsync<ChatRuleException>(() => conversation.GiveFeedbackAsync(4, "liian aikaisin"));
        await conversation.EndAsync(Participant.Counsellor(counsellor));

        var invalid = await Assert.ThrowsAsync<ChatRuleException>(() => conversation.GiveFeedbackAsync(9, null));
        await conversation.GiveFeedbackAsync(4, "Kiitos avusta, sopiva palaute");
        var twice = await Assert.ThrowsAsync<ChatRuleException>(() => conversation.GiveFeedbackAsync(5, "toinen kerta"));
        var queueId = (await conversation.GetViewAsync(Participant.Seeker)).QueueId;

        Assert.Equal(ErrorCodes.BadRequest, early.Code);
        Assert.Equal(ErrorCodes.BadRequest, twice.Code);
        Assert.Equal(ErrorCodes.BadRequest, invalid.Code);
        Assert.Equal(["comment", "id", "month", "queue_id", "rating"], await ColumnsAsync("feedback"));
        Assert.Empty(await DbSearch.FindAsync(fixture.Storage, id.ToString()) is var places
            ? places.Where(p => p.StartsWith("feedback.", StringComparison.Ordinal)) : []);
        var month = ChatSchedule.DateAt(fixture.Time.GetUtcNow()).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var read = await Grains.GetGrain<IFeedbackGrain>(0).ReadAsync(queueId, month);
        Assert.Single(read, f => f.Rating == 4 && f.Comment == "Kiitos avusta, sopiva palaute");
        Assert.DoesNotContain(read, f => f.Comment is "liian aikaisin" or "toinen kerta");
    }

    private async Task<(Guid Id, Guid Counsellor, string Marker, string Address)> ChatAsync()
    {
        var chat = await TestChats.CreateAsync(Grains);
        var id = Guid.NewGuid();
        var marker = "merkki-" + Guid.NewGuid().ToString("N")[..10];
        var address = $"192.0.2.{Random.Shared.Next(1, 250)}";
        var conversation = Grains.GetGrain<IConversationGrain>(id);
        await conversation.StartAsync(new StartConversation(chat, Secret(id), address, "fi"));
        var account = await TestAccounts.CreateCounsellorAsync(Grains, chat);
        await Grains.GetGrain<ICounsellorGrain>(account.Id).TakeAsync(chat, id);
        await conversation.SendAsync(Participant.Seeker, "m-1", $"Tämä on yksityistä: {marker}");
        await conversation.SendAsync(Participant.Counsellor(account.Id), "c-1", $"Vastaus: {marker}");
        return (id, account.Id, marker, address);
    }

    private async Task AdvanceAsync(TimeSpan total)
    {
        for (var passed = TimeSpan.Zero; passed < total; passed += TimeSpan.FromMinutes(1))
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await Task.Yield();
    }

    private Task<long> ConversationRowsAsync(Guid id) =>
        Db.ScalarAsync(fixture.Storage, "SELECT COUNT(*) FROM grain_state WHERE state_name = 'conversation' AND grain_id_n0 = @n0 AND grain_id_n1 = @n1",
            ("@n0", BitConverter.ToInt64(id.ToByteArray(), 0)), ("@n1", BitConverter.ToInt64(id.ToByteArray(), 8)));

    private async Task<List<string>> ColumnsAsync(string table)
    {
        await using var connection = await Db.OpenAsync(fixture.Storage);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} LIMIT 0";
        await using var reader = await command.ExecuteReaderAsync();
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).Order()];
    }

    private static string Secret(Guid id) => "secret-" + id.ToString("N") + "-0123456789";
}

[Collection(TimeTravelCluster.Name)]
public sealed class RetentionTestsOnSqlite(TimeTravelClusterFixture fixture) : RetentionTests(fixture);

[Collection(PostgresTimeTravel.Name)]
public sealed class RetentionTestsOnPostgres(PostgresTimeTravelFixture fixture) : RetentionTests(fixture);
