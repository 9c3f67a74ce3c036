using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using Nettiturvakoti.Audit;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Privacy;
using Nettiturvakoti.Statistics;
using Nettiturvakoti.Tests.Grains;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.Topics;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.Tests.WebFront;

/// <summary>Decline, time limit, contact limit, reporting notice and the closing form, through the real hubs.</summary>
[Collection(ProxiedWebFront.Name)]
public sealed class CounsellorPowersTests(ProxiedWebFrontFixture fixture)
{
    private WebFrontHost Host => fixture.Host;

    [Fact]
    public async Task Decline_SeekerSeesTheEndReasonCountedAndAudited()
    {
        await using var chat = await StartChatAsync("198.51.100.1");

        await chat.Counsellor.InvokeAsync<ConversationView>("Decline", chat.Id, DeclineReason.Abusive);

        var ended = (ChatEntry)(await chat.SeekerInbox.NextAsync(ClientEvents.Entry, a => ((ChatEntry)a[1]!).Kind == EntryKind.Ended))[1]!;
        Assert.Equal(nameof(EndReason.Declined), ended.Text);
        var status = await Host.Grains.GetGrain<ICounsellorGrain>(chat.CounsellorId).GetStatusAsync();
        Assert.Empty(status.PendingForms);
        var stats = await StatisticsAsync(chat.QueueId);
        Assert.Equal(1, stats.Counts.GetValueOrDefault(StatisticKind.Declined));
        Assert.Equal(1, stats.Categories.GetValueOrDefault("decline:Abusive"));
        var audit = await AuditAsync();
        Assert.Contains(audit, e => e.Action == AuditAction.Declined && e.AccountId == chat.CounsellorId && e.Detail == "Abusive");
    }

    [Fact]
    public async Task TimeLimit_BothSeeTheEndBothAreWarnedAndTheChatEnds()
    {
        await using var chat = await StartChatAsync("198.51.100.2");

        var view = await chat.Counsellor.InvokeAsync<ConversationView>("SetTimeLimit", chat.Id, 30);

        var set = (ChatEntry)(await chat.SeekerInbox.NextAsync(ClientEvents.Entry, a => ((ChatEntry)a[1]!).Kind == EntryKind.TimeLimitSet))[1]!;
        var seekerView = (ConversationView)(await chat.SeekerInbox.NextAsync(
            ClientEvents.Conversation, a => ((ConversationView)a[0]!).TimeLimitEndsAt is not null))[0]!;
        Assert.Equal(view.TimeLimitEndsAt, seekerView.TimeLimitEndsAt);
        Assert.Equal(view.TimeLimitEndsAt, DateTimeOffset.Parse(set.Text, System.Globalization.CultureInfo.InvariantCulture));

        for (var minutes = 0; minutes < 25; minutes += 5)
        {
            // Both keep writing, so the idle limit never comes into it.
            await Host.AdvanceAsync(TimeSpan.FromMinutes(5));
            await chat.Seeker.InvokeAsync<SendResult>("Send", $"still-{minutes}", "Jatketaan");
        }

        await Host.AdvanceAsync(TimeSpan.FromMinutes(1));
        await chat.SeekerInbox.NextAsync(ClientEvents.Entry, a => ((ChatEntry)a[1]!).Kind == EntryKind.TimeLimitWarning);
        await chat.CounsellorInbox.NextAsync(ClientEvents.Entry, a => ((ChatEntry)a[1]!).Kind == EntryKind.TimeLimitWarning);
        await Host.AdvanceAsync(TimeSpan.FromMinutes(5));

        var ended = (ChatEntry)(await chat.SeekerInbox.NextAsync(ClientEvents.Entry, a => ((ChatEntry)a[1]!).Kind == EntryKind.Ended))[1]!;
        Assert.Equal(nameof(EndReason.TimeLimit), ended.Text);
        await chat.CounsellorInbox.NextAsync(ClientEvents.Conversation, a => ((ConversationView)a[0]!).Status == ConversationStatus.Ended);
        Assert.Contains(await AuditAsync(), e => e.Action == AuditAction.TimeLimitSet && e.Detail == "30");
    }

    [Fact]
    public async Task ContactLimit_SameAddressRefusedOtherAdmittedAndTheKeyChangeLiftsIt()
    {
        string until;
        await using (var chat = await StartChatAsync("198.51.100.3"))
        {
            until = (await chat.Counsellor.InvokeAsync<DateTimeOffset>("LimitContact", chat.Id, ContactLimitPeriod.Week))
                .ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            await chat.Seeker.InvokeAsync<ConversationView>("End");
        }

        var (same, _) = await ChatClients.ConnectSeekerAsync(Host.BaseAddress, Forwarded("198.51.100.3"));
        await using var _ = same;
        var refused = await HubErrors.AssertCodeAsync(ErrorCodes.ContactLimited, () => same.InvokeAsync<StartedChat>("StartChat", "fi", "fi"));
        Assert.Contains(until, refused.Message, StringComparison.Ordinal);

        var (other, _) = await ChatClients.ConnectSeekerAsync(Host.BaseAddress, Forwarded("198.51.100.4"));
        await using var __ = other;
        Assert.Equal(ConversationStatus.Waiting, (await other.InvokeAsync<StartedChat>("StartChat", "fi", "fi")).Conversation.Status);
        await other.InvokeAsync<ConversationView>("End");

        Assert.False(await StoredAnywhereAsync("198.51.100.3"), "the limited address must not be stored in any form");
        await Host.Grains.GetGrain<IContactLimitGrain>(0).ReplaceKeyAsync();
        Assert.Equal(ConversationStatus.Waiting, (await same.InvokeAsync<StartedChat>("StartChat", "fi", "fi")).Conversation.Status);
        await same.InvokeAsync<ConversationView>("End");
        Assert.Contains(await AuditAsync(), e => e.Action == AuditAction.ContactLimited && e.Detail == "Week");
    }

    [Fact]
    public async Task ReportingNotice_ShownToTheSeekerCountedAndAudited()
    {
        await using var chat = await StartChatAsync("198.51.100.5");

        var notice = await chat.Counsellor.InvokeAsync<ChatEntry>("SendReportingNotice", chat.Id, ReportingNoticeKind.ChildWelfare);

        var seen = (ChatEntry)(await chat.SeekerInbox.NextAsync(ClientEvents.Entry, a => ((ChatEntry)a[1]!).Kind == EntryKind.ReportingNotice))[1]!;
        Assert.Equal(notice, seen);
        Assert.Equal(nameof(ReportingNoticeKind.ChildWelfare), seen.Text);
        Assert.Equal(Party.System, seen.Author);
        var stats = await StatisticsAsync(chat.QueueId);
        Assert.Equal(1, stats.Categories.GetValueOrDefault("notice:ChildWelfare"));
        Assert.Contains(await AuditAsync(), e => e.Action == AuditAction.ReportingNoticeSent && e.Detail == "ChildWelfare");
    }

    [Fact]
    public async Task ClosingForm_RequiredBeforeTheNextChatAndCountedWithoutAnyId()
    {
        await using var chat = await StartChatAsync("198.51.100.6");
        await chat.Seeker.InvokeAsync<ConversationView>("End");
        var status = (CounsellorStatus)(await chat.CounsellorInbox.NextAsync(
            ClientEvents.CounsellorStatus, a => ((CounsellorStatus)a[0]!).PendingForms.Count == 1))[0]!;
        var form = status.PendingForms[0];

        await HubErrors.AssertCodeAsync(ErrorCodes.ClosingFormRequired, () => chat.Counsellor.InvokeAsync<JoinedChat>("TakeNext"));
        var options = await chat.Counsellor.InvokeAsync<List<TopicOption>>("GetClosingFormOptions");
        Assert.Contains(options, o => o.Id == "honour" && o.Group == TopicGroup.ViolenceForm);
        await HubErrors.AssertCodeAsync(ErrorCodes.BadRequest, () => chat.Counsellor.InvokeAsync<CounsellorStatus>(
            "SubmitClosingForm", form.FormId, new ClosingForm("physical", [], [], [])));
        var after = await chat.Counsellor.InvokeAsync<CounsellorStatus>(
            "SubmitClosingForm", form.FormId, new ClosingForm("experienced", ["physical", "digital"], ["former-partner"], ["safety-planning"]));

        Assert.Empty(after.PendingForms);
        Assert.Equal(chat.QueueId, form.QueueId);
        var stats = await StatisticsAsync(chat.QueueId);
        Assert.Equal(1, stats.Categories.GetValueOrDefault("form:digital"));
        Assert.Equal(1, stats.Categories.GetValueOrDefault("form:former-partner"));
        Assert.False(await StoredAnywhereAsync(chat.Id.ToString()), "no conversation id in the statistics");
        await HubErrors.AssertCodeAsync(ErrorCodes.BadRequest, () => chat.Counsellor.InvokeAsync<CounsellorStatus>(
            "SubmitClosingForm", form.FormId, new ClosingForm("experienced", [], [], [])));
    }

    [Fact]
    public async Task Powers_OnAnotherCounsellorsChat_Refused()
    {
        await using var chat = await StartChatAsync("198.51.100.7");
        var stranger = await TestAccounts.CreateCounsellorAsync(Host.Grains, chat.QueueId);
        await using var console = (await ChatClients.ConnectCounsellorAsync(
            Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, stranger.UserName, TestAccounts.Password))).Connection;

        await HubErrors.AssertCodeAsync(ErrorCodes.NotYourConversation, () => console.InvokeAsync<ConversationView>("Decline", chat.Id, DeclineReason.Other));
        await HubErrors.AssertCodeAsync(ErrorCodes.NotYourConversation, () => console.InvokeAsync<ConversationView>("SetTimeLimit", chat.Id, 30));
        await HubErrors.AssertCodeAsync(ErrorCodes.NotYourConversation, () => console.InvokeAsync<DateTimeOffset>("LimitContact", chat.Id, ContactLimitPeriod.Day));
        await HubErrors.AssertCodeAsync(ErrorCodes.NotYourConversation,
            () => console.InvokeAsync<ChatEntry>("SendReportingNotice", chat.Id, ReportingNoticeKind.Police));

        var view = (await chat.Counsellor.InvokeAsync<JoinedChat>("Open", chat.Id, 0L)).Conversation;
        Assert.Equal(ConversationStatus.Active, view.Status);
        Assert.Null(view.TimeLimitEndsAt);
        Assert.DoesNotContain(await AuditAsync(), e => e.AccountId == stranger.Id);
    }

    [Fact]
    public async Task AuditLog_OnlyForSupervisors_AndHoldsNoTextOrAddress()
    {
        await using var chat = await StartChatAsync("198.51.100.8");
        await chat.Seeker.InvokeAsync<SendResult>("Send", "secret-words", "salainen viesti jota ei saa kirjata");
        await chat.Counsellor.InvokeAsync<ChatEntry>("SendReportingNotice", chat.Id, ReportingNoticeKind.Police);

        await using var supervisor = await ChatClients.ConnectSupervisorAsync(
            Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, "supervisor", Host.SupervisorPassword));
        var entries = await supervisor.InvokeAsync<List<AuditEntry>>(
            "GetAuditLog", Host.Time.GetUtcNow().AddDays(-1), Host.Time.GetUtcNow().AddDays(1), 1000);

        Assert.Contains(entries, e => e.Action == AuditAction.ReportingNoticeSent && e.Detail == "Police" && e.QueueId == chat.QueueId);
        Assert.Equal(0, await Db.ScalarAsync(Host.Storage,
            "SELECT COUNT(*) FROM audit_entry WHERE detail LIKE '%salainen%' OR detail LIKE '%198.51.100%' OR user_name LIKE '%198.51%'"));
        var counsellor = await TestAccounts.CreateCounsellorAsync(Host.Grains);
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(async () =>
            await ChatClients.ConnectSupervisorAsync(Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, counsellor.UserName, TestAccounts.Password)));
        Assert.Contains("'403'", refused.Message, StringComparison.Ordinal);
    }

    private async Task<ActiveChat> StartChatAsync(string seekerAddress)
    {
        var queueId = await Host.CreateTestChatAsync();
        var account = await TestAccounts.CreateCounsellorAsync(Host.Grains, queueId);
        var (counsellor, counsellorInbox) = await ChatClients.ConnectCounsellorAsync(
            Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, account.UserName, TestAccounts.Password));
        await counsellor.InvokeAsync<CounsellorOverview>("GetOverview");
        var (seeker, seekerInbox) = await ChatClients.ConnectSeekerAsync(Host.BaseAddress, Forwarded(seekerAddress));
        var started = await seeker.InvokeAsync<StartedChat>("StartChat", queueId, "fi");
        var taken = await counsellor.InvokeAsync<JoinedChat>("Take", queueId, started.ConversationId);
        Assert.Equal(seekerAddress, taken.Conversation.SeekerAddress);
        return new ActiveChat(started.ConversationId, queueId, account.Id, seeker, seekerInbox, counsellor, counsellorInbox);
    }

    private static Dictionary<string, string> Forwarded(string address) => new() { ["X-Forwarded-For"] = address };

    private Task<MonthlyStatistics> StatisticsAsync(string queueId) =>
        Wait.ForAsync(
            WaitForStatisticsAsync(queueId),
            "the statistics to be recorded");

    private async Task<MonthlyStatistics> WaitForStatisticsAsync(string queueId)
    {
        var grain = Host.Grains.GetGrain<IChatStatisticsGrain>(StatisticsKeys.For(queueId, Host.Time.GetUtcNow()));
        MonthlyStatistics? stats = null;
        await Wait.UntilAsync(async () => (stats = await grain.GetAsync()).Counts.Count > 1, "statistics for the chat");
        return stats!;
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync() =>
        await Host.Grains.GetGrain<IAuditLogGrain>(0).ReadAsync(Host.Time.GetUtcNow().AddDays(-1), Host.Time.GetUtcNow().AddDays(1), 1000);

    private async Task<bool> StoredAnywhereAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await using var connection = await Db.OpenAsync(Host.Storage);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE payload IS NOT NULL AND state_name IN ('contact-limits', 'statistics', 'counsellor')";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (((byte[])reader[0]).AsSpan().IndexOf(bytes) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private sealed record ActiveChat(
        Guid Id,
        string QueueId,
        Guid CounsellorId,
        HubConnection Seeker,
        HubInbox SeekerInbox,
        HubConnection Counsellor,
        HubInbox CounsellorInbox) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Seeker.DisposeAsync();
            await Counsellor.DisposeAsync();
        }
    }
}
