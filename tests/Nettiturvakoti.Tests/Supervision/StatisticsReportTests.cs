using Microsoft.Extensions.Configuration;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Tests.Grains;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.Topics;
using Nettiturvakoti.WebFront.Supervision;

namespace Nettiturvakoti.Tests.Supervision;

/// <summary>
/// A scripted month of chats, on a fake clock, against the figures supervisors are shown: the
/// counts, the medians and percentiles, the closing form's categories, and what is suppressed.
/// </summary>
[Collection(TimeTravelCluster.Name)]
public sealed class StatisticsReportTests(TimeTravelClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task ScriptedMonth_ReportShowsExactlyTheScriptWithSmallCountsHidden()
    {
        var chat = await TestChats.CreateAsync(Grains);
        var month = ChatSchedule.DateAt(fixture.Time.GetUtcNow()).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var counsellor = (await TestAccounts.CreateCounsellorAsync(Grains, available: true, maxConversations: 10, chat)).Id;
        var me = Participant.Counsellor(counsellor);

        // Eight seekers answered after waits of 1 to 8 minutes, three who left, and two whose pages
        // went away while they waited (taken out after the grace period as the clock moves on).
        var answered = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            answered.Add(await StartAsync(chat));
        }

        var left = new[] { await StartAsync(chat), await StartAsync(chat), await StartAsync(chat) };
        await StartAsync(chat);
        await StartAsync(chat);
        foreach (var id in left)
        {
            await Conversation(id).EndAsync(Participant.Seeker);
        }

        foreach (var id in answered)
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(1));
            await Grains.GetGrain<ICounsellorGrain>(counsellor).TakeAsync(chat, id);
        }

        // One declined, one sent two reporting notices, the rest ended after 10 minutes each.
        await Conversation(answered[0]).DeclineAsync(counsellor, DeclineReason.NotGenuine);
        await Conversation(answered[1]).SendReportingNoticeAsync(counsellor, ReportingNoticeKind.ChildWelfare);
        await Conversation(answered[1]).SendReportingNoticeAsync(counsellor, ReportingNoticeKind.Police);
        fixture.Time.Advance(TimeSpan.FromMinutes(3));
        foreach (var id in answered.Skip(1))
        {
            await Conversation(id).SendAsync(me, "keep-" + id.ToString("N"), "Jatketaan");
        }

        fixture.Time.Advance(TimeSpan.FromMinutes(3));
        foreach (var id in answered.Skip(1))
        {
            await Conversation(id).EndAsync(me);
        }

        // Seven closing forms: six who experienced violence, one worried close person.
        await Wait.UntilAsync(async () => (await Grains.GetGrain<ICounsellorGrain>(counsellor).GetStatusAsync()).PendingForms.Count == 7,
            "the seven closing forms to be owed");
        var forms = (await Grains.GetGrain<ICounsellorGrain>(counsellor).GetStatusAsync()).PendingForms;
        for (var i = 0; i < forms.Count; i++)
        {
            await Grains.GetGrain<ICounsellorGrain>(counsellor).SubmitClosingFormAsync(forms[i].FormId,
                new ClosingForm(i == 0 ? "worried" : "experienced", i < 5 ? ["physical"] : ["physical", "digital"], ["partner"], ["help-options"]));
        }

        var builder = new StatisticsReportBuilder(Grains, new ConfigurationBuilder().Build());
        StatisticsReport report = null!;
        await Wait.UntilAsync(async () =>
        {
            report = await builder.BuildAsync([chat], month, month);
            // The two gone pages are taken out by the queue's own tick, which may come last.
            return Cell(report, "contacts", "ClosingForm", 0).Value == 7 && Cell(report, "contacts", "Started", 0).Value == 13
                && Cell(report, "contacts", "Unanswered", 0).Value == 5;
        }, "every event of the script to reach the statistics");

        // Counts of five and more are shown, smaller ones hidden.
        Assert.Equal("13", Cell(report, "contacts", "Started", 0).Text);
        Assert.Equal("8", Cell(report, "contacts", "Answered", 0).Text);
        Assert.Equal("<5", Cell(report, "contacts", "LeftWhileWaiting", 0).Text);
        Assert.Equal("<5", Cell(report, "contacts", "SeekerGone", 0).Text);
        Assert.Equal("5", Cell(report, "contacts", "Unanswered", 0).Text);
        Assert.Equal("0", Cell(report, "contacts", "TurnedAwayFull", 0).Text);
        Assert.Equal("<5", Cell(report, "contacts", "Declined", 0).Text);
        Assert.Equal("<5", Cell(report, "contacts", "ReportingNotice", 0).Text);
        Assert.Equal("7", Cell(report, "contacts", "ClosingForm", 0).Text);
        Assert.Equal("13", Cell(report, "contacts", "Started", 1).Text); // the range total

        // The single worried close person is hidden, and so is the six, which would give it away.
        Assert.Equal("<5", Cell(report, "form-SeekerRole", "form:worried", 0).Text);
        Assert.Equal("<5", Cell(report, "form-SeekerRole", "form:experienced", 0).Text);
        Assert.Equal("7", Cell(report, "form-SeekerRole", "ClosingForm", 0).Text);
        Assert.Equal("7", Cell(report, "form-ViolenceForm", "form:physical", 0).Text);
        Assert.Equal("<5", Cell(report, "form-ViolenceForm", "form:digital", 0).Text);

        // Waits of 1 to 8 minutes: median 4, 90th percentile 8 (each shown as its 15-second bucket's middle).
        Assert.Equal("4.1", Cell(report, "durations", "wait-median", 0).Text);
        Assert.Equal("8.1", Cell(report, "durations", "wait-p90", 0).Text);
        Assert.Equal("<5", Cell(report, "declines", "decline:NotGenuine", 0).Text);
    }

    [Fact]
    public void Suppression_SecondaryAlsoWorksAlongRows()
    {
        var suppression = new SmallCountSuppression(5);

        // Three months and their total: one month hidden means a second one must be too.
        var hidden = suppression.Apply([12, 3, 20, 35], [(3, [0, 1, 2])]);

        Assert.Equal([true, true, false, false], hidden);
    }

    [Fact]
    public void Suppression_ZerosShownAndLargeTotalsKept()
    {
        var suppression = new SmallCountSuppression(5);

        var hidden = suppression.Apply([0, 2, 3, 5], [(3, [0, 1, 2])]);

        Assert.Equal([false, true, true, false], hidden);
    }

    private static ReportCell Cell(StatisticsReport report, string table, string row, int column) =>
        report.Tables.Single(t => t.Key == table).Rows.Single(r => r.Key == row).Cells[column];

    private async Task<Guid> StartAsync(string chat)
    {
        var id = Guid.NewGuid();
        await Conversation(id).StartAsync(new StartConversation(chat, "secret-" + id.ToString("N") + "-0123456789", "192.0.2.44", "fi"));
        return id;
    }

    private IConversationGrain Conversation(Guid id) => Grains.GetGrain<IConversationGrain>(id);
}
