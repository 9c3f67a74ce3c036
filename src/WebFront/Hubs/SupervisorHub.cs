using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.Audit;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Topics;
using Nettiturvakoti.WebFront.Relay;
using Nettiturvakoti.WebFront.Security;

namespace Nettiturvakoti.WebFront.Hubs;

/// <summary>
/// Running the service: the chats, their hours and rules. Supervisors only. Documented in
/// docs/protocol.md.
/// </summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class SupervisorHub(
    IGrainFactory grains, ChatCatalogCache catalog, QueueMirrors queues, RelaySubscriptions subscriptions, TimeProvider time) : Hub
{
    public override async Task OnConnectedAsync()
    {
        if (await Pages.Supervisor.SupervisorPageModel.SecondFactorMissingAsync(grains, Context.User!))
        {
            Context.Abort();
            return;
        }

        await base.OnConnectedAsync();
    }

    /// <summary>
    /// The service now, without any chat content: per chat the waiting seekers and the longest
    /// wait, per counsellor availability and load, and the chats in progress.
    /// </summary>
    public async Task<LiveView> GetLiveView()
    {
        var now = time.GetUtcNow();
        var chats = new List<LiveChat>();
        foreach (var chat in await catalog.GetChatsAsync())
        {
            await subscriptions.EnsureQueueAsync(chat.Id);
            var (_, status, longest) = await queues.GetOverviewAsync(chat.Id);
            var longestWait = longest.Count > 0 ? now - longest[0].Since : TimeSpan.Zero;
            chats.Add(new LiveChat(chat.Id, chat.Names.GetValueOrDefault("en") ?? chat.Names["fi"], status, longestWait.TotalSeconds));
        }

        var counsellors = new List<LiveCounsellor>();
        foreach (var id in await grains.GetGrain<IAccountDirectoryGrain>(0).ListAsync())
        {
            var account = await grains.GetGrain<IAccountGrain>(id).GetAsync();
            if (account is null || account.Disabled || !account.Roles.HasFlag(AccountRoles.Counsellor))
            {
                continue;
            }

            var status = await grains.GetGrain<ICounsellorGrain>(id).GetStatusAsync();
            counsellors.Add(new LiveCounsellor(account.ChatName, status.Available, status.ActiveConversations.Count, status.MaxConversations));
        }

        return new LiveView(now, chats, counsellors, counsellors.Sum(c => c.Conversations));
    }
    /// <summary>Every chat, retired ones included, with all its settings.</summary>
    public Task<IReadOnlyList<ChatDefinition>> GetChats() =>
        grains.GetGrain<IChatCatalogGrain>(0).GetChatsAsync(includeRetired: true);

    /// <summary>
    /// Adds a chat or replaces one: names, languages, weekly hours, special dates, admission
    /// cutoff and queue cap. Applies cluster-wide at once (seekers' pages within ten seconds).
    /// </summary>
    public async Task<ChatDefinition> SaveChat(ChatDefinition chat)
    {
        if (chat is null)
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, "A chat definition is required.");
        }

        var saved = await grains.GetGrain<IChatCatalogGrain>(0).SaveChatAsync(chat);
        catalog.Invalidate();
        return saved;
    }

    /// <summary>Retires a chat: no longer offered, admits nobody; those waiting are still served.</summary>
    public async Task RetireChat(string queueId)
    {
        await grains.GetGrain<IChatCatalogGrain>(0).RetireChatAsync(queueId);
        catalog.Invalidate();
    }

    /// <summary>The audit log between two instants, newest first (at most 1000 entries).</summary>
    public Task<IReadOnlyList<AuditEntry>> GetAuditLog(DateTimeOffset from, DateTimeOffset to, int limit) =>
        grains.GetGrain<IAuditLogGrain>(0).ReadAsync(from, to, limit);

    /// <summary>Every answer of the closing form, retired ones included.</summary>
    public Task<IReadOnlyList<TopicOption>> GetTopics() =>
        grains.GetGrain<ITopicCatalogGrain>(0).GetOptionsAsync(includeRetired: true);

    /// <summary>Adds, renames or retires an answer of the closing form.</summary>
    public Task<TopicOption> SaveTopic(TopicOption answer) =>
        answer is null
            ? throw new ChatRuleException(ErrorCodes.BadRequest, "An answer is required.")
            : grains.GetGrain<ITopicCatalogGrain>(0).SaveOptionAsync(answer);

    /// <summary>A chat's openings in the coming <paramref name="days"/> days (1 to 60), as seekers will see them.</summary>
    public async Task<IReadOnlyList<OpeningSession>> PreviewHours(string queueId, int days)
    {
        var chat = await grains.GetGrain<IChatCatalogGrain>(0).FindAsync(queueId ?? "")
            ?? throw new ChatRuleException(ErrorCodes.UnknownQueue, "There is no chat with that id.");
        return ChatSchedule.Sessions(chat, ChatSchedule.DateAt(time.GetUtcNow()), Math.Clamp(days, 1, 60));
    }
}
