using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.Tests.WebFront;

/// <summary>
/// The whole path through the web front with real SignalR clients over real WebSockets: a seeker
/// waits, a counsellor takes the chat, both write, one ends it.
/// </summary>
public abstract class ChatPathTests(WebFrontFixture fixture)
{
    private Uri Address => fixture.Host.BaseAddress;

    [Fact]
    public async Task WholeChat_SeekerAndCounsellor_TalkInRealTimeAndBothSeeTheEnd()
    {
        var (account, cookies) = await fixture.LogInNewCounsellorAsync();
        var (counsellor, counsellorInbox) = await ChatClients.ConnectCounsellorAsync(Address, cookies);
        await using var __ = counsellor;
        var overview = await counsellor.InvokeAsync<CounsellorOverview>("GetOverview");
        Assert.Contains(overview.Queues, q => q.QueueId == "fi");

        var (seeker, seekerInbox) = await ChatClients.ConnectSeekerAsync(Address);
        await using var _ = seeker;
        var chats = await seeker.InvokeAsync<List<ChatInfo>>("GetChats");
        Assert.Equal(["fi", "youth", "sv"], chats.Select(c => c.Id).Take(3));

        var started = await seeker.InvokeAsync<StartedChat>("StartChat", "fi", "fi");
        Assert.Equal(ConversationStatus.Waiting, started.Conversation.Status);
        Assert.NotNull(started.Position);
        Assert.Equal(started.Position!.Status.Waiting, started.Position.Position);
        Assert.Null(started.Conversation.SeekerAddress);

        var joinedQueue = (CounsellorQueueEvent)(await counsellorInbox.NextAsync(
            ClientEvents.Queue, a => ((CounsellorQueueEvent)a[0]!).Joined?.ConversationId == started.ConversationId))[0]!;
        Assert.Equal("fi", joinedQueue.QueueId);

        var taken = await counsellor.InvokeAsync<JoinedChat>("Take", "fi", started.ConversationId);
        Assert.Equal(ConversationStatus.Active, taken.Conversation.Status);
        Assert.Equal("127.0.0.1", taken.Conversation.SeekerAddress);

        var active = (ConversationView)(await seekerInbox.NextAsync(
            ClientEvents.Conversation, a => ((ConversationView)a[0]!).Status == ConversationStatus.Active))[0]!;
        Assert.Equal(account.ChatName, active.CounsellorName);
        Assert.Null(active.SeekerAddress);
        var joinedEntry = (ChatEntry)(await seekerInbox.NextAsync(ClientEvents.Entry))[1]!;
        Assert.Equal(EntryKind.CounsellorJoined, joinedEntry.Kind);

        var sent = await seeker.InvokeAsync<SendResult>("Send", "s-1", "Hei, voinko kysyä jotain?");
        var atCounsellor = (ChatEntry)(await counsellorInbox.NextAsync(
            ClientEvents.Entry, a => ((ChatEntry)a[1]!).Sequence == sent.Sequence))[1]!;
        Assert.Equal("Hei, voinko kysyä jotain?", atCounsellor.Text);
        Assert.Equal(Party.Seeker, atCounsellor.Author);

        await seeker.InvokeAsync("Typing");
        Assert.Equal(Party.Seeker, (Party)(await counsellorInbox.NextAsync(ClientEvents.Typing))[1]!);

        var reply = await counsellor.InvokeAsync<SendResult>("Send", started.ConversationId, "c-1", "Totta kai. Kerro.");
        var atSeeker = (ChatEntry)(await seekerInbox.NextAsync(
            ClientEvents.Entry, a => ((ChatEntry)a[1]!).Sequence == reply.Sequence))[1]!;
        Assert.Equal("Totta kai. Kerro.", atSeeker.Text);
        Assert.Equal(sent.Sequence + 1, reply.Sequence);

        var ended = await seeker.InvokeAsync<ConversationView>("End");
        Assert.Equal(ConversationStatus.Ended, ended.Status);
        var seenByCounsellor = (ConversationView)(await counsellorInbox.NextAsync(
            ClientEvents.Conversation, a => ((ConversationView)a[0]!).Status == ConversationStatus.Ended))[0]!;
        Assert.Equal(started.ConversationId, seenByCounsellor.Id);
        var addressGone = await counsellorInbox.NextAsync(ClientEvents.SeekerAddress);
        Assert.Null(addressGone[1]);
    }

    [Fact]
    public async Task Counsellor_CanEndAndSeekerSeesIt()
    {
        var (_, cookies) = await fixture.LogInNewCounsellorAsync();
        await using var counsellor = (await ChatClients.ConnectCounsellorAsync(Address, cookies)).Connection;
        var (seeker, seekerInbox) = await ChatClients.ConnectSeekerAsync(Address);
        await using var _ = seeker;
        var started = await seeker.InvokeAsync<StartedChat>("StartChat", "fi", "sv");
        await counsellor.InvokeAsync<JoinedChat>("Take", "fi", started.ConversationId);

        await counsellor.InvokeAsync<ConversationView>("End", started.ConversationId);

        var ended = (ConversationView)(await seekerInbox.NextAsync(
            ClientEvents.Conversation, a => ((ConversationView)a[0]!).Status == ConversationStatus.Ended))[0]!;
        Assert.Equal("sv", ended.Language);
        await HubErrors.AssertCodeAsync(ErrorCodes.ConversationEnded, () => seeker.InvokeAsync<SendResult>("Send", "late-1", "Haloo?"));
    }

    [Fact]
    public async Task Reconnect_SeekerMissedMessages_GetsEachOnceInOrder()
    {
        var (_, cookies) = await fixture.LogInNewCounsellorAsync();
        await using var counsellor = (await ChatClients.ConnectCounsellorAsync(Address, cookies)).Connection;
        var (seeker, seekerInbox) = await ChatClients.ConnectSeekerAsync(Address);
        var started = await seeker.InvokeAsync<StartedChat>("StartChat", "fi", "fi");
        await counsellor.InvokeAsync<JoinedChat>("Take", "fi", started.ConversationId);
        var first = await counsellor.InvokeAsync<SendResult>("Send", started.ConversationId, "c-1", "Ensimmäinen");
        await seekerInbox.NextAsync(ClientEvents.Entry, a => ((ChatEntry)a[1]!).Sequence == first.Sequence);

        await seeker.DisposeAsync();
        var missed = new List<long>();
        foreach (var text in new[] { "Toinen", "Kolmas", "Neljäs" })
        {
            missed.Add((await counsellor.InvokeAsync<SendResult>("Send", started.ConversationId, $"missed-{missed.Count}", text)).Sequence);
        }

        var (again, againInbox) = await ChatClients.ConnectSeekerAsync(Address);
        await using var __ = again;
        var resumed = await again.InvokeAsync<JoinedChat>("Resume", started.ConversationId, started.Secret, first.Sequence);

        Assert.Equal(missed, resumed.Entries.Select(e => e.Sequence));
        Assert.Equal(["Toinen", "Kolmas", "Neljäs"], resumed.Entries.Select(e => e.Text));
        Assert.Equal(ConversationStatus.Active, resumed.Conversation.Status);

        var live = await counsellor.InvokeAsync<SendResult>("Send", started.ConversationId, "c-live", "Taas livenä");
        var pushed = (ChatEntry)(await againInbox.NextAsync(ClientEvents.Entry))[1]!;
        Assert.Equal(live.Sequence, pushed.Sequence);
        Assert.DoesNotContain(againInbox.Drain(), e => e.Event == ClientEvents.Entry);
    }

    [Fact]
    public async Task Send_EntryGoesToEveryOtherConnection_ButNotBackToTheOneItCameOn()
    {
        var (_, cookies) = await fixture.LogInNewCounsellorAsync();
        var (console, consoleInbox) = await ChatClients.ConnectCounsellorAsync(Address, cookies);
        await using var _ = console;
        var (secondConsole, secondConsoleInbox) = await ChatClients.ConnectCounsellorAsync(Address, cookies);
        await using var __ = secondConsole;
        var (page, pageInbox) = await ChatClients.ConnectSeekerAsync(Address);
        await using var ___ = page;
        var started = await page.InvokeAsync<StartedChat>("StartChat", "fi", "fi");
        await console.InvokeAsync<JoinedChat>("Take", "fi", started.ConversationId);
        await secondConsole.InvokeAsync<JoinedChat>("Open", started.ConversationId, 0L);
        var (secondTab, secondTabInbox) = await ChatClients.ConnectSeekerAsync(Address);
        await using var ____ = secondTab;
        await secondTab.InvokeAsync<JoinedChat>("Resume", started.ConversationId, started.Secret, 0L);
        static Func<object?[], bool> Numbered(long sequence) => a => ((ChatEntry)a[1]!).Sequence == sequence;

        var asked = await page.InvokeAsync<SendResult>("Send", "s-1", "Onko joku paikalla?");
        var answered = await console.InvokeAsync<SendResult>("Send", started.ConversationId, "c-1", "On, kerro vain.");

        // Every connection but the sender's own gets each message, in order.
        await secondTabInbox.NextAsync(ClientEvents.Entry, Numbered(asked.Sequence));
        await consoleInbox.NextAsync(ClientEvents.Entry, Numbered(asked.Sequence));
        await secondConsoleInbox.NextAsync(ClientEvents.Entry, Numbered(asked.Sequence));
        await secondConsoleInbox.NextAsync(ClientEvents.Entry, Numbered(answered.Sequence));
        await secondTabInbox.NextAsync(ClientEvents.Entry, Numbered(answered.Sequence));
        await pageInbox.NextAsync(ClientEvents.Entry, Numbered(answered.Sequence));
        Assert.DoesNotContain(
            pageInbox.Drain(),
            e => e.Event == ClientEvents.Entry && ((ChatEntry)e.Args[1]!).Sequence == asked.Sequence);

        // The sender's page knows its message from the answer; a connection that was not told reads it.
        var caughtUp = await console.InvokeAsync<List<ChatEntry>>(
            "ReadAfter", started.ConversationId, asked.Sequence - 1);
        Assert.Equal([asked.Sequence, answered.Sequence], caughtUp.Select(e => e.Sequence));
        var third = await console.InvokeAsync<SendResult>("Send", started.ConversationId, "c-2", "Olen täällä.");
        await pageInbox.NextAsync(ClientEvents.Entry, Numbered(third.Sequence));
        Assert.DoesNotContain(
            consoleInbox.Drain(),
            e => e.Event == ClientEvents.Entry && ((ChatEntry)e.Args[1]!).Sequence is var sequence
                && (sequence == answered.Sequence || sequence == third.Sequence));
    }

    [Fact]
    public async Task Send_RetriedWithSameClientId_StoredOnce()
    {
        var (seeker, _) = await ChatClients.ConnectSeekerAsync(Address);
        await using var _ = seeker;
        var started = await seeker.InvokeAsync<StartedChat>("StartChat", "fi", "fi");

        var first = await seeker.InvokeAsync<SendResult>("Send", "same-id", "Odotan vielä");
        var retry = await seeker.InvokeAsync<SendResult>("Send", "same-id", "Odotan vielä");
        var all = await seeker.InvokeAsync<List<ChatEntry>>("ReadAfter", 0L);

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(first.Sequence, retry.Sequence);
        Assert.Single(all, e => e.ClientMessageId == "same-id");
        Assert.NotEqual(Guid.Empty, started.ConversationId);
    }
}

[Collection(SqliteWebFront.Name)]
public sealed class ChatPathTestsOnSqlite(SqliteWebFrontFixture fixture) : ChatPathTests(fixture);

[Collection(PostgresWebFront.Name)]
public sealed class ChatPathTestsOnPostgres(PostgresWebFrontFixture fixture) : ChatPathTests(fixture);
