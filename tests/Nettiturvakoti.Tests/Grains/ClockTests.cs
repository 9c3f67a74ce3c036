using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Relay;
using Nettiturvakoti.Statistics;
using Nettiturvakoti.Tests.Infrastructure;

namespace Nettiturvakoti.Tests.Grains;

/// <summary>
/// What happens as time passes, on a fake clock: the admission cutoff and closing, seekers whose
/// page went away, idle chats, and queues telling their watchers when they open.
/// </summary>
[Collection(TimeTravelCluster.Name)]
public sealed class ClockTests(TimeTravelClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Cutoff_NewSeekersTurnedAwayThoseWaitingServedPastClosing()
    {
        var chat = await ChatOpenForAsync(TimeSpan.FromMinutes(20), cutoffMinutes: 15);
        var early = await StartAsync(chat);

        await AdvanceAsync(TimeSpan.FromMinutes(6), early);
        var late = await Assert.ThrowsAsync<ChatRuleException>(() => StartAsync(chat));
        var closingSoon = (await Queue(chat).GetSnapshotAsync()).Status.Hours.Openness;
        await AdvanceAsync(TimeSpan.FromMinutes(16), early);
        var afterClosing = await Queue(chat).GetSnapshotAsync();
        var counsellor = await TestAccounts.CreateCounsellorAsync(Grains, chat);
        var taken = await Grains.GetGrain<ICounsellorGrain>(counsellor.Id).TakeNextAsync();

        Assert.Equal(ErrorCodes.ChatClosed, late.Code);
        Assert.Equal(ChatOpenness.ClosingSoon, closingSoon);
        Assert.Equal(ChatOpenness.Closed, afterClosing.Status.Hours.Openness);
        Assert.Contains(afterClosing.Waiting, w => w.ConversationId == early);
        Assert.Equal(early, taken.Id);
    }

    [Fact]
    public async Task WaitingSeekerWhosePageWentAway_RemovedAfterGraceAndCounted()
    {
        var chat = await ChatOpenForAsync(TimeSpan.FromHours(3));
        var stays = await StartAsync(chat);
        var leaves = await StartAsync(chat);

        await AdvanceAsync(TimeSpan.FromMinutes(11), stays);

        await Wait.UntilAsync(
            async () => (await Conversation(leaves).GetViewAsync(Participant.Seeker)).Status == ConversationStatus.Ended,
            "the absent seeker's conversation to end");
        var waiting = (await Queue(chat).GetSnapshotAsync()).Waiting.Select(w => w.ConversationId).ToList();
        var ending = (await Conversation(leaves).ReadAfterAsync(Participant.Seeker, 0))[^1];
        Assert.Equal([stays], waiting);
        Assert.Equal(EntryKind.Ended, ending.Kind);
        Assert.Equal(nameof(EndReason.SeekerGone), ending.Text);
        await Wait.UntilAsync(async () => (await StatisticsAsync(chat)).Counts.GetValueOrDefault(StatisticKind.SeekerGone) == 1,
            "the removal to be counted");
        Assert.Equal(0, (await StatisticsAsync(chat)).Counts.GetValueOrDefault(StatisticKind.LeftWhileWaiting));
    }

    [Fact]
    public async Task IdleChat_WarnedThenClosedUnlessSomeoneWrites()
    {
        var chat = await ChatOpenForAsync(TimeSpan.FromHours(3));
        var id = await StartAsync(chat);
        var counsellor = await TestAccounts.CreateCounsellorAsync(Grains, chat);
        await Grains.GetGrain<ICounsellorGrain>(counsellor.Id).TakeAsync(chat, id);

        await AdvanceAsync(TimeSpan.FromMinutes(10));
        await WaitForLastEntryAsync(id, EntryKind.IdleWarning);
        await Conversation(id).SendAsync(Participant.Seeker, "still-here", "Olen vielä täällä");
        await AdvanceAsync(TimeSpan.FromMinutes(9));
        var beforeSecondWarning = (await Conversation(id).ReadAfterAsync(Participant.Seeker, 0)).Count(e => e.Kind == EntryKind.IdleWarning);
        await AdvanceAsync(TimeSpan.FromMinutes(1));
        await WaitForLastEntryAsync(id, EntryKind.IdleWarning);
        await AdvanceAsync(TimeSpan.FromMinutes(5));
        await WaitForLastEntryAsync(id, EntryKind.Ended);

        var entries = await Conversation(id).ReadAfterAsync(Participant.Seeker, 0);
        Assert.Equal(1, beforeSecondWarning);
        Assert.Equal(2, entries.Count(e => e.Kind == EntryKind.IdleWarning));
        Assert.Equal(nameof(EndReason.Idle), entries[^1].Text);
        await Wait.UntilAsync(async () => (await StatisticsAsync(chat)).Counts.GetValueOrDefault(StatisticKind.IdleClosed) == 1,
            "the idle close to be counted");
    }

    [Fact]
    public async Task Opening_WatchersToldWhenTheChatOpens()
    {
        var now = fixture.Time.GetUtcNow();
        var opens = ChatSchedule.DateAt(now);
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ChatSchedule.Helsinki).DateTime);
        var start = new TimeOnly(local.Hour, local.Minute).AddMinutes(5);
        var chat = await TestChats.CreateAsync(Grains, weekly: [], special: [new SpecialHours(
            opens, opens, [new TimeRange(start, start.AddHours(2))], "soon")]);
        var relay = new RecordingRelay();
        var reference = Grains.CreateObjectReference<IChatRelay>(relay);
        await Queue(chat).SubscribeAsync(reference);
        var closed = (await Queue(chat).GetSnapshotAsync()).Status.Hours;

        // A web front renews its subscriptions every minute; so does this test.
        for (var minute = 0; minute < 6; minute++)
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(1));
            await Queue(chat).SubscribeAsync(reference);
        }

        var change = await Wait.ForAsync(relay.Opened.Task, "the queue to announce that it opened");
        Assert.Equal(ChatOpenness.Closed, closed.Openness);
        Assert.Equal(ChatOpenness.Open, change.Status.Hours.Openness);
        Assert.Null(change.Joined);
        GC.KeepAlive(relay);
    }

    [Fact]
    public async Task TimeLimit_WarnedThenEndsByItself()
    {
        var chat = await ChatOpenForAsync(TimeSpan.FromHours(3));
        var id = await StartAsync(chat);
        var counsellor = await TestAccounts.CreateCounsellorAsync(Grains, chat);
        await Grains.GetGrain<ICounsellorGrain>(counsellor.Id).TakeAsync(chat, id);
        var setAt = fixture.Time.GetUtcNow();

        var view = await Conversation(id).SetTimeLimitAsync(counsellor.Id, 10);
        await AdvanceAsync(TimeSpan.FromMinutes(7));
        await WaitForLastEntryAsync(id, EntryKind.TimeLimitWarning);
        await AdvanceAsync(TimeSpan.FromMinutes(3));
        await WaitForLastEntryAsync(id, EntryKind.Ended);

        var entries = await Conversation(id).ReadAfterAsync(Participant.Seeker, 0);
        Assert.Equal(setAt + TimeSpan.FromMinutes(10), view.TimeLimitEndsAt);
        Assert.Equal(view.TimeLimitEndsAt!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            entries.Single(e => e.Kind == EntryKind.TimeLimitSet).Text);
        Assert.Equal(nameof(EndReason.TimeLimit), entries[^1].Text);
        await Wait.UntilAsync(async () => (await StatisticsAsync(chat)).Counts.GetValueOrDefault(StatisticKind.TimeLimited) == 1,
            "the time-limited chat to be counted");
    }

    [Fact]
    public async Task TimeLimit_SiloRestartsOnTheWay_StillEndsWithoutAnyoneCalling()
    {
        var chat = await ChatOpenForAsync(TimeSpan.FromHours(3));
        var id = await StartAsync(chat);
        var counsellor = await TestAccounts.CreateCounsellorAsync(Grains, chat);
        await Grains.GetGrain<ICounsellorGrain>(counsellor.Id).TakeAsync(chat, id);
        await Conversation(id).SetTimeLimitAsync(counsellor.Id, 5);

        await fixture.RestartSiloAsync();
        for (var minute = 0; minute < 8; minute++)
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(1));
        }

        // Only the database is read here: calling the conversation would wake it by itself.
        await fixture.WaitWhileTimePassesAsync(
            async () => await Db.ScalarAsync(fixture.Storage,
                "SELECT COUNT(*) FROM chat_entry WHERE conversation_id = @id AND kind = @kind",
                ("@id", id), ("@kind", (int)EntryKind.Ended)) == 1,
            "the time limit to end the conversation after the restart");
        Assert.Equal(nameof(EndReason.TimeLimit), (await Conversation(id).ReadAfterAsync(Participant.Seeker, 0))[^1].Text);
    }

    // Moves the clock a minute at a time, reporting the given seekers' pages as open each minute.
    private async Task AdvanceAsync(TimeSpan total, params Guid[] present)
    {
        var chats = new Dictionary<Guid, string>();
        foreach (var id in present)
        {
            chats[id] = (await Conversation(id).GetViewAsync(Participant.Seeker)).QueueId;
        }

        for (var passed = TimeSpan.Zero; passed < total; passed += TimeSpan.FromMinutes(1))
        {
            foreach (var group in chats.GroupBy(c => c.Value, c => c.Key))
            {
                await Queue(group.Key).SeekersPresentAsync([.. group]);
                await Queue(group.Key).GetOldestAsync(); // the one-way report has been handled once this returns
            }

            fixture.Time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    private async Task<string> ChatOpenForAsync(TimeSpan openFor, int cutoffMinutes = 15)
    {
        var now = fixture.Time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, ChatSchedule.Helsinki).DateTime;
        var closes = local + openFor;
        var today = DateOnly.FromDateTime(local);
        IReadOnlyList<SpecialHours> hours = DateOnly.FromDateTime(closes) == today
            ? [new SpecialHours(today, today, [new TimeRange(TimeOnly.MinValue, new TimeOnly(closes.Hour, closes.Minute))], "test")]
            : [
                new SpecialHours(today, today, [new TimeRange(TimeOnly.MinValue, TimeOnly.MinValue)], "test"),
                new SpecialHours(today.AddDays(1), today.AddDays(1), [new TimeRange(TimeOnly.MinValue, new TimeOnly(closes.Hour, closes.Minute))], "test"),
            ];
        return await TestChats.CreateAsync(Grains, weekly: [], special: hours, cutoffMinutes: cutoffMinutes);
    }

    private async Task WaitForLastEntryAsync(Guid id, EntryKind kind) =>
        await Wait.UntilAsync(
            async () => (await Conversation(id).ReadAfterAsync(Participant.Seeker, 0))[^1].Kind == kind,
            $"the conversation's last entry to be {kind}");

    private async Task<Guid> StartAsync(string chat)
    {
        var id = Guid.NewGuid();
        await Conversation(id).StartAsync(new StartConversation(chat, new string('s', 40) + id.ToString("N"), "192.0.2.20", "fi"));
        return id;
    }

    private Task<MonthlyStatistics> StatisticsAsync(string chat) =>
        Grains.GetGrain<IChatStatisticsGrain>(StatisticsKeys.For(chat, fixture.Time.GetUtcNow())).GetAsync();

    private IQueueGrain Queue(string id) => Grains.GetGrain<IQueueGrain>(id);

    private IConversationGrain Conversation(Guid id) => Grains.GetGrain<IConversationGrain>(id);

    private sealed class RecordingRelay : IChatRelay
    {
        public TaskCompletionSource<QueueChange> Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnQueueChangedAsync(QueueChange change)
        {
            if (change.Status.Hours.Openness == ChatOpenness.Open)
            {
                Opened.TrySetResult(change);
            }

            return Task.CompletedTask;
        }

        public Task OnEntryAsync(
            Guid conversationId, Guid? counsellorId, ChatEntry entry, string? senderConnectionId) => Task.CompletedTask;

        public Task OnConversationChangedAsync(ConversationView view, Guid? counsellorId) => Task.CompletedTask;

        public Task OnSeekerAddressChangedAsync(Guid conversationId, Guid counsellorId, string? address) => Task.CompletedTask;

        public Task OnTypingAsync(Guid conversationId, Guid? counsellorId, Party who) => Task.CompletedTask;

        public Task OnCounsellorChangedAsync(CounsellorStatus status) => Task.CompletedTask;
    }
}
