using Microsoft.AspNetCore.SignalR.Client;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Tests.Grains;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.Tests.WebFront;

/// <summary>Hours, waiting and routing through the real hubs.</summary>
[Collection(SqliteWebFront.Name)]
public sealed class QueueFlowTests(SqliteWebFrontFixture fixture)
{
    private Uri Address => fixture.Host.BaseAddress;

    [Fact]
    public async Task GetChats_ShowsWhichAreOpenAndWhenTheClosedOnesOpen()
    {
        var (seeker, _) = await ChatClients.ConnectSeekerAsync(Address);
        await using var _ = seeker;

        var chats = (await seeker.InvokeAsync<List<ChatInfo>>("GetChats")).ToDictionary(c => c.Id);

        // Thursday 12:30 in Helsinki: the Finnish and Swedish chats are open, the youth chat opens at 15.
        Assert.Equal(ChatOpenness.Open, chats["fi"].Status.Hours.Openness);
        Assert.Equal(ChatOpenness.Open, chats["sv"].Status.Hours.Openness);
        Assert.Equal(ChatOpenness.Closed, chats["youth"].Status.Hours.Openness);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 13, 0, 0, TimeSpan.Zero), chats["youth"].Status.Hours.NextOpensAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 16, 0, 0, TimeSpan.Zero), chats["fi"].Status.Hours.ClosesAt);
        Assert.Contains(chats["fi"].Upcoming, s => s.Opens == new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task StartChat_ClosedChat_RefusedAndNothingStored()
    {
        var (seeker, _) = await ChatClients.ConnectSeekerAsync(Address);
        await using var _ = seeker;

        await HubErrors.AssertCodeAsync(ErrorCodes.ChatClosed, () => seeker.InvokeAsync<StartedChat>("StartChat", "youth", "fi"));

        await HubErrors.AssertCodeAsync(ErrorCodes.NoConversation, () => seeker.InvokeAsync<QueuePlace?>("GetPosition"));
    }

    [Fact]
    public async Task StartChat_WhileInAChat_Refused()
    {
        var (seeker, _) = await ChatClients.ConnectSeekerAsync(Address);
        await using var _ = seeker;
        var first = await seeker.InvokeAsync<StartedChat>("StartChat", "fi", "fi");

        await HubErrors.AssertCodeAsync(ErrorCodes.AlreadyStarted, () => seeker.InvokeAsync<StartedChat>("StartChat", "fi", "fi"));
        await seeker.InvokeAsync<ConversationView>("End");
        var second = await seeker.InvokeAsync<StartedChat>("StartChat", "fi", "fi");

        Assert.NotEqual(first.ConversationId, second.ConversationId);
    }

    [Fact]
    public async Task WaitingSeekers_PositionsFollowTheQueueAndTheTakenOneStopsGettingIt()
    {
        var chat = await fixture.Host.CreateTestChatAsync();
        var seekers = new List<(HubConnection Connection, HubInbox Inbox, StartedChat Chat)>();
        for (var i = 0; i < 3; i++)
        {
            var (connection, inbox) = await ChatClients.ConnectSeekerAsync(Address);
            seekers.Add((connection, inbox, await connection.InvokeAsync<StartedChat>("StartChat", chat, "fi")));
        }

        try
        {
            Assert.Equal([1, 2, 3], seekers.Select(s => s.Chat.Position!.Position));
            var counsellor = await TestAccounts.CreateCounsellorAsync(fixture.Host.Grains, chat);
            var cookies = await ChatClients.LogInAsync(Address, counsellor.UserName, TestAccounts.Password);
            await using var console = (await ChatClients.ConnectCounsellorAsync(Address, cookies)).Connection;

            var taken = await console.InvokeAsync<JoinedChat>("Take", chat, null);

            Assert.Equal(seekers[0].Chat.ConversationId, taken.Conversation.Id);
            var last = seekers[2];
            var change = (SeekerQueueEvent)(await last.Inbox.NextAsync(
                ClientEvents.Queue, a => ((SeekerQueueEvent)a[0]!).LeftTicket == seekers[0].Chat.Position!.Ticket))[0]!;
            Assert.True(change.LeftTicket < last.Chat.Position!.Ticket);
            Assert.Equal(2, change.Status.Waiting);
            Assert.Equal(2, (await last.Connection.InvokeAsync<QueuePlace>("GetPosition")).Position);

            await seekers[0].Inbox.NextAsync(
                ClientEvents.Conversation, a => ((ConversationView)a[0]!).Status == ConversationStatus.Active);
            seekers[0].Inbox.Drain();
            await seekers[1].Connection.InvokeAsync<ConversationView>("End");
            await last.Inbox.NextAsync(ClientEvents.Queue, a => ((SeekerQueueEvent)a[0]!).Status.Waiting == 1);
            Assert.Equal(1, (await last.Connection.InvokeAsync<QueuePlace>("GetPosition")).Position);
            Assert.DoesNotContain(seekers[0].Inbox.Drain(), e => e.Event == ClientEvents.Queue);
        }
        finally
        {
            foreach (var seeker in seekers)
            {
                await seeker.Connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Console_AvailabilityTakeNextAndHandOver_BothConsolesKeptCurrent()
    {
        var chat = await fixture.Host.CreateTestChatAsync();
        var first = await TestAccounts.CreateCounsellorAsync(fixture.Host.Grains, available: false, maxConversations: 3, chat);
        var second = await TestAccounts.CreateCounsellorAsync(fixture.Host.Grains, chat);
        var (a, aInbox) = await ChatClients.ConnectCounsellorAsync(Address, await ChatClients.LogInAsync(Address, first.UserName, TestAccounts.Password));
        var (b, bInbox) = await ChatClients.ConnectCounsellorAsync(Address, await ChatClients.LogInAsync(Address, second.UserName, TestAccounts.Password));
        await using var _ = a;
        await using var __ = b;
        await a.InvokeAsync<CounsellorOverview>("GetOverview");
        await b.InvokeAsync<CounsellorOverview>("GetOverview");
        var (seeker, seekerInbox) = await ChatClients.ConnectSeekerAsync(Address);
        await using var ___ = seeker;
        var started = await seeker.InvokeAsync<StartedChat>("StartChat", chat, "fi");

        await HubErrors.AssertCodeAsync(ErrorCodes.Away, () => a.InvokeAsync<JoinedChat>("TakeNext"));
        var available = await a.InvokeAsync<CounsellorStatus>("SetAvailable", true);
        var taken = await a.InvokeAsync<JoinedChat>("Take", chat, null);
        var colleagues = await a.InvokeAsync<List<Colleague>>("GetColleagues");
        await a.InvokeAsync("HandOver", started.ConversationId, second.Id);

        Assert.True(available.Available);
        Assert.Equal(started.ConversationId, taken.Conversation.Id);
        Assert.Contains(colleagues, c => c.AccountId == second.Id && c.Available && c.FreeSlots == 3);
        var bStatus = (CounsellorStatus)(await bInbox.NextAsync(
            ClientEvents.CounsellorStatus, s => ((CounsellorStatus)s[0]!).ActiveConversations.Contains(started.ConversationId)))[0]!;
        var aStatus = (CounsellorStatus)(await aInbox.NextAsync(
            ClientEvents.CounsellorStatus, s => ((CounsellorStatus)s[0]!).ActiveConversations.Count == 0))[0]!;
        Assert.Equal(second.Id, bStatus.AccountId);
        Assert.Equal(first.Id, aStatus.AccountId);
        var opened = await b.InvokeAsync<JoinedChat>("Open", started.ConversationId, 0L);
        Assert.Equal(EntryKind.HandedOver, opened.Entries[^1].Kind);
        Assert.Equal("127.0.0.1", opened.Conversation.SeekerAddress);

        var said = await seeker.InvokeAsync<SendResult>("Send", "after-hand-over", "Kuka nyt vastaa?");
        await bInbox.NextAsync(ClientEvents.Entry, e => ((ChatEntry)e[1]!).Sequence == said.Sequence);
        Assert.DoesNotContain(aInbox.Drain(), e => e.Event == ClientEvents.Entry && ((ChatEntry)e.Args[1]!).Sequence == said.Sequence);
        await HubErrors.AssertCodeAsync(ErrorCodes.NotYourConversation, () => a.InvokeAsync<JoinedChat>("Open", started.ConversationId, 0L));
        var handedOver = (ChatEntry)(await seekerInbox.NextAsync(ClientEvents.Entry, e => ((ChatEntry)e[1]!).Kind == EntryKind.HandedOver))[1]!;
        Assert.Equal(second.ChatName, handedOver.Text);
    }

    [Fact]
    public async Task SupervisorHub_ChangesHours_SeekersSeeItAndCounsellorsAreKeptOut()
    {
        var chat = await fixture.Host.CreateTestChatAsync();
        var supervisor = await ChatClients.LogInAsync(Address, "supervisor", fixture.Host.SupervisorPassword);
        await using var hub = await ChatClients.ConnectSupervisorAsync(Address, supervisor);
        var definition = (await hub.InvokeAsync<List<ChatDefinition>>("GetChats")).Single(c => c.Id == chat);

        var saved = await hub.InvokeAsync<ChatDefinition>("SaveChat", definition with { WeeklyHours = [] });
        var preview = await hub.InvokeAsync<List<OpeningSession>>("PreviewHours", chat, 14);
        await HubErrors.AssertCodeAsync(ErrorCodes.BadRequest,
            () => hub.InvokeAsync<ChatDefinition>("SaveChat", definition with { QueueCap = -1 }));
        var (seeker, _) = await ChatClients.ConnectSeekerAsync(Address);
        await using var _ = seeker;
        var seen = (await seeker.InvokeAsync<List<ChatInfo>>("GetChats")).Single(c => c.Id == chat);

        Assert.Empty(saved.WeeklyHours);
        Assert.Empty(preview);
        Assert.Equal(ChatOpenness.Closed, seen.Status.Hours.Openness);
        await HubErrors.AssertCodeAsync(ErrorCodes.ChatClosed, () => seeker.InvokeAsync<StartedChat>("StartChat", chat, "fi"));

        var counsellor = await TestAccounts.CreateCounsellorAsync(fixture.Host.Grains, chat);
        var counsellorCookies = await ChatClients.LogInAsync(Address, counsellor.UserName, TestAccounts.Password);
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() =>
            ChatClients.ConnectSupervisorAsync(Address, counsellorCookies));
        Assert.Contains("'403'", refused.Message, StringComparison.Ordinal);
    }
}
