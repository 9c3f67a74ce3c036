using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Statistics;
using Nettiturvakoti.Tests.Infrastructure;

namespace Nettiturvakoti.Tests.Grains;

/// <summary>Who takes which seeker: qualification, availability, limits, fairness, hand-overs.</summary>
public abstract class RoutingTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Take_Unqualified_RefusedQualified_Taken()
    {
        var chat = await TestChats.CreateAsync(Grains);
        var seeker = await StartAsync(chat);
        var outsider = await TestAccounts.CreateCounsellorAsync(Grains, "fi");
        var qualified = await TestAccounts.CreateCounsellorAsync(Grains, chat);

        var refused = await Assert.ThrowsAsync<ChatRuleException>(() => Counsellor(outsider.Id).TakeAsync(chat, seeker));
        var taken = await Counsellor(qualified.Id).TakeAsync(chat, seeker);

        Assert.Equal(ErrorCodes.NotQualified, refused.Code);
        Assert.Equal(ConversationStatus.Active, taken.Status);
    }

    [Fact]
    public async Task Take_WhileAway_RefusedUntilAvailable()
    {
        var chat = await TestChats.CreateAsync(Grains);
        var seeker = await StartAsync(chat);
        var counsellor = await TestAccounts.CreateCounsellorAsync(Grains, available: false, maxConversations: 3, chat);

        var refused = await Assert.ThrowsAsync<ChatRuleException>(() => Counsellor(counsellor.Id).TakeNextAsync());
        var status = await Counsellor(counsellor.Id).SetAvailableAsync(true);
        var taken = await Counsellor(counsellor.Id).TakeNextAsync();

        Assert.Equal(ErrorCodes.Away, refused.Code);
        Assert.True(status.Available);
        Assert.Equal(seeker, taken.Id);
    }

    [Fact]
    public async Task Take_AtTheConcurrentLimit_RefusedUntilOneEnds()
    {
        var chat = await TestChats.CreateAsync(Grains);
        var counsellor = await TestAccounts.CreateCounsellorAsync(Grains, available: true, maxConversations: 2, chat);
        var seekers = new[] { await StartAsync(chat), await StartAsync(chat), await StartAsync(chat) };
        await Counsellor(counsellor.Id).TakeNextAsync();
        var second = await Counsellor(counsellor.Id).TakeNextAsync();

        var refused = await Assert.ThrowsAsync<ChatRuleException>(() => Counsellor(counsellor.Id).TakeNextAsync());
        await Conversation(second.Id).EndAsync(Participant.Counsellor(counsellor.Id));
        await Wait.UntilAsync(
            async () => (await Counsellor(counsellor.Id).GetStatusAsync()).ActiveConversations.Count == 1,
            "the ended chat to leave the counsellor's count");
        var owed = Assert.Single((await Counsellor(counsellor.Id).GetStatusAsync()).PendingForms);
        var formFirst = await Assert.ThrowsAsync<ChatRuleException>(() => Counsellor(counsellor.Id).TakeNextAsync());
        await Counsellor(counsellor.Id).SubmitClosingFormAsync(owed.FormId, new Topics.ClosingForm("other-role", [], [], []));
        var third = await Counsellor(counsellor.Id).TakeNextAsync();

        Assert.Equal(ErrorCodes.AtCapacity, refused.Code);
        Assert.Equal(ErrorCodes.ClosingFormRequired, formFirst.Code);
        Assert.Equal(seekers[2], third.Id);
    }

    [Fact]
    public async Task TakeNext_AcrossChats_LongestWaitingFirst()
    {
        var chatA = await TestChats.CreateAsync(Grains);
        var chatB = await TestChats.CreateAsync(Grains);
        var first = await StartAsync(chatB);
        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        var second = await StartAsync(chatA);
        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        var third = await StartAsync(chatB);
        var counsellor = await TestAccounts.CreateCounsellorAsync(Grains, available: true, maxConversations: 5, chatA, chatB);

        var order = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            order.Add((await Counsellor(counsellor.Id).TakeNextAsync()).Id);
        }

        Assert.Equal([first, second, third], order);
        var none = await Assert.ThrowsAsync<ChatRuleException>(() => Counsellor(counsellor.Id).TakeNextAsync());
        Assert.Equal(ErrorCodes.NoLongerWaiting, none.Code);
    }

    [Fact]
    public async Task RetiredChat_AdmitsNobody_ButThoseWaitingAreStillTaken()
    {
        var chat = await TestChats.CreateAsync(Grains);
        var waiting = await StartAsync(chat);
        await Grains.GetGrain<IChatCatalogGrain>(0).RetireChatAsync(chat);
        var counsellor = await TestAccounts.CreateCounsellorAsync(Grains, available: true, maxConversations: 5, chat);

        var refused = await Assert.ThrowsAsync<ChatRuleException>(() => StartAsync(chat));
        var taken = await Counsellor(counsellor.Id).TakeNextAsync();

        Assert.Equal(ErrorCodes.ChatClosed, refused.Code);
        Assert.Equal(waiting, taken.Id);
        Assert.Equal(ConversationStatus.Active, taken.Status);
    }

    [Fact]
    public async Task TakeNext_ManyCounsellorsAtOnce_EverySeekerToExactlyOneWithinLimits()
    {
        var chat = await TestChats.CreateAsync(Grains);
        var seekers = new HashSet<Guid>();
        for (var i = 0; i < 20; i++)
        {
            seekers.Add(await StartAsync(chat));
        }

        var counsellors = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            counsellors.Add((await TestAccounts.CreateCounsellorAsync(Grains, available: true, maxConversations: 3, chat)).Id);
        }

        var results = await Task.WhenAll(counsellors.Select(async id =>
        {
            var mine = new List<Guid>();
            for (var attempt = 0; attempt < 4; attempt++)
            {
                try
                {
                    mine.Add((await Counsellor(id).TakeNextAsync()).Id);
                }
                catch (ChatRuleException error) when (error.Code is ErrorCodes.AtCapacity or ErrorCodes.NoLongerWaiting)
                {
                }
            }

            return (Counsellor: id, Taken: mine);
        }));

        var all = results.SelectMany(r => r.Taken).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.True(all.ToHashSet().SetEquals(seekers), $"{all.Count} taken of {seekers.Count}");
        Assert.All(results, r => Assert.InRange(r.Taken.Count, 0, 3));
        foreach (var (counsellor, taken) in results)
        {
            foreach (var id in taken)
            {
                Assert.Equal(ConversationStatus.Active, (await Conversation(id).GetViewAsync(Participant.Counsellor(counsellor))).Status);
            }
        }
    }

    [Fact]
    public async Task HandOver_ToQualifiedColleague_TimelineGoesAlongAndFirstLosesAccess()
    {
        var chat = await TestChats.CreateAsync(Grains);
        var seeker = await StartAsync(chat);
        var first = await TestAccounts.CreateCounsellorAsync(Grains, chat);
        var second = await TestAccounts.CreateCounsellorAsync(Grains, chat);
        await Conversation(seeker).SendAsync(Participant.Seeker, "s-1", "Kirjoitin odottaessani");
        await Counsellor(first.Id).TakeAsync(chat, seeker);
        await Conversation(seeker).SendAsync(Participant.Counsellor(first.Id), "c-1", "Hei");

        await Counsellor(first.Id).HandOverAsync(seeker, second.Id);

        var entries = await Conversation(seeker).ReadAfterAsync(Participant.Counsellor(second.Id), 0);
        Assert.Equal(
            [EntryKind.Message, EntryKind.CounsellorJoined, EntryKind.Message, EntryKind.HandedOver],
            entries.Select(e => e.Kind));
        Assert.Equal(second.ChatName, entries[^1].Text);
        var lost = await Assert.ThrowsAsync<ChatRuleException>(() => Conversation(seeker).ReadAfterAsync(Participant.Counsellor(first.Id), 0));
        Assert.Equal(ErrorCodes.NotYourConversation, lost.Code);
        Assert.DoesNotContain(seeker, (await Counsellor(first.Id).GetStatusAsync()).ActiveConversations);
        Assert.Contains(seeker, (await Counsellor(second.Id).GetStatusAsync()).ActiveConversations);
        Assert.Equal(second.ChatName, (await Conversation(seeker).GetViewAsync(Participant.Seeker)).CounsellorName);
    }

    [Fact]
    public async Task HandOver_ToUnqualifiedAwayOrFullColleague_RefusedAndNothingChanges()
    {
        var chat = await TestChats.CreateAsync(Grains);
        var seeker = await StartAsync(chat);
        var first = await TestAccounts.CreateCounsellorAsync(Grains, chat);
        var unqualified = await TestAccounts.CreateCounsellorAsync(Grains, "fi");
        var away = await TestAccounts.CreateCounsellorAsync(Grains, available: false, maxConversations: 3, chat);
        var full = await TestAccounts.CreateCounsellorAsync(Grains, available: true, maxConversations: 1, chat);
        await Counsellor(full.Id).TakeAsync(chat, await StartAsync(chat));
        await Counsellor(first.Id).TakeAsync(chat, seeker);

        var codes = new List<string>();
        foreach (var to in new[] { unqualified.Id, away.Id, full.Id })
        {
            codes.Add((await Assert.ThrowsAsync<ChatRuleException>(() => Counsellor(first.Id).HandOverAsync(seeker, to))).Code);
        }

        Assert.Equal([ErrorCodes.NotQualified, ErrorCodes.Away, ErrorCodes.AtCapacity], codes);
        Assert.Contains(seeker, (await Counsellor(first.Id).GetStatusAsync()).ActiveConversations);
        Assert.Equal(ConversationStatus.Active, (await Conversation(seeker).GetViewAsync(Participant.Counsellor(first.Id))).Status);
    }

    [Fact]
    public async Task Enqueue_AtTheCap_TurnedAwayAndCounted()
    {
        var chat = await TestChats.CreateAsync(Grains, queueCap: 2);
        await StartAsync(chat);
        await StartAsync(chat);

        var refused = await Assert.ThrowsAsync<ChatRuleException>(() => StartAsync(chat));
        var snapshot = await Grains.GetGrain<IQueueGrain>(chat).GetSnapshotAsync();

        Assert.Equal(ErrorCodes.ChatFull, refused.Code);
        Assert.True(snapshot.Status.Full);
        Assert.Equal(2, snapshot.Waiting.Count);
        await Wait.UntilAsync(async () => (await StatisticsAsync(chat)).Counts.GetValueOrDefault(StatisticKind.TurnedAwayFull) == 1,
            "the turned-away seeker to be counted");
        Assert.Equal(2, (await StatisticsAsync(chat)).Counts[StatisticKind.Started]);
    }

    [Fact]
    public async Task Enqueue_WhileClosed_RefusedWithNextOpeningAndCounted()
    {
        var today = ChatSchedule.DateAt(fixture.Time.GetUtcNow());
        var chat = await TestChats.CreateAsync(Grains, weekly: [], special: [new SpecialHours(
            today.AddDays(1), today.AddDays(1), [new TimeRange(new TimeOnly(9, 0), new TimeOnly(10, 0))], "tomorrow only")]);

        var refused = await Assert.ThrowsAsync<ChatRuleException>(() => StartAsync(chat));
        var status = (await Grains.GetGrain<IQueueGrain>(chat).GetSnapshotAsync()).Status;

        Assert.Equal(ErrorCodes.ChatClosed, refused.Code);
        Assert.Equal(ChatOpenness.Closed, status.Hours.Openness);
        Assert.Equal(ChatSchedule.ToInstant(today.AddDays(1), new TimeOnly(9, 0)), status.Hours.NextOpensAt);
        await Wait.UntilAsync(async () => (await StatisticsAsync(chat)).Counts.GetValueOrDefault(StatisticKind.ArrivedClosed) == 1,
            "the closed-hours arrival to be counted");
    }

    [Fact]
    public async Task WaitingSeekersFirstMessage_CounsellorSeesItOnTaking()
    {
        var chat = await TestChats.CreateAsync(Grains);
        var seeker = await StartAsync(chat);
        await Conversation(seeker).SendAsync(Participant.Seeker, "early-1", "Tarvitsen apua, odotan.");
        var counsellor = await TestAccounts.CreateCounsellorAsync(Grains, chat);

        await Counsellor(counsellor.Id).TakeAsync(chat, null);
        var entries = await Conversation(seeker).ReadAfterAsync(Participant.Counsellor(counsellor.Id), 0);

        Assert.Equal("Tarvitsen apua, odotan.", entries[0].Text);
    }

    [Fact]
    public async Task SupervisorChange_HoursApplyToTheQueueAtOnce()
    {
        var chat = await TestChats.CreateAsync(Grains);
        var catalog = Grains.GetGrain<IChatCatalogGrain>(0);
        var definition = (await catalog.FindAsync(chat))!;

        await catalog.SaveChatAsync(definition with { WeeklyHours = [] });
        var closed = await Assert.ThrowsAsync<ChatRuleException>(() => StartAsync(chat));
        await catalog.SaveChatAsync(definition);
        var reopened = await StartAsync(chat);

        Assert.Equal(ErrorCodes.ChatClosed, closed.Code);
        Assert.NotEqual(Guid.Empty, reopened);
        await catalog.RetireChatAsync(chat);
        Assert.DoesNotContain(await catalog.GetChatsAsync(), c => c.Id == chat);
        Assert.Equal(ErrorCodes.ChatClosed, (await Assert.ThrowsAsync<ChatRuleException>(() => StartAsync(chat))).Code);
    }

    [Fact]
    public async Task SaveChat_BrokenDefinition_RefusedAndOldKept()
    {
        var chat = await TestChats.CreateAsync(Grains);
        var catalog = Grains.GetGrain<IChatCatalogGrain>(0);
        var definition = (await catalog.FindAsync(chat))!;

        var broken = new[]
        {
            definition with { WeeklyHours = [new OpeningPeriod(DayOfWeek.Monday, new TimeOnly(18, 0), new TimeOnly(12, 0))] },
            definition with { Names = new Dictionary<string, string> { ["en"] = "No Finnish name" } },
            definition with { QueueCap = 0 },
            definition with { Id = "Bad Id!" },
            definition with { Languages = ["de"] },
        };

        foreach (var bad in broken)
        {
            Assert.Equal(ErrorCodes.BadRequest, (await Assert.ThrowsAsync<ChatRuleException>(() => catalog.SaveChatAsync(bad))).Code);
        }

        Assert.Equal(definition.WeeklyHours, (await catalog.FindAsync(chat))!.WeeklyHours);
    }

    private async Task<Guid> StartAsync(string chat)
    {
        var id = Guid.NewGuid();
        await Conversation(id).StartAsync(new StartConversation(chat, new string('s', 40) + id.ToString("N"), "192.0.2.10", "fi"));
        return id;
    }

    private Task<MonthlyStatistics> StatisticsAsync(string chat) =>
        Grains.GetGrain<IChatStatisticsGrain>(StatisticsKeys.For(chat, fixture.Time.GetUtcNow())).GetAsync();

    private ICounsellorGrain Counsellor(Guid id) => Grains.GetGrain<ICounsellorGrain>(id);

    private IConversationGrain Conversation(Guid id) => Grains.GetGrain<IConversationGrain>(id);
}

[Collection(SqliteCluster.Name)]
public sealed class RoutingTestsOnSqlite(SqliteClusterFixture fixture) : RoutingTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class RoutingTestsOnPostgres(PostgresClusterFixture fixture) : RoutingTests(fixture);
