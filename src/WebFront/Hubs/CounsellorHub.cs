using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Topics;
using Nettiturvakoti.WebFront.Relay;
using Nettiturvakoti.WebFront.Security;

namespace Nettiturvakoti.WebFront.Hubs;

/// <summary>
/// The counsellor's console. Only logged-in counsellors connect, and each acts only on the
/// conversations assigned to them (the conversation grain checks every call). Documented in
/// docs/protocol.md.
/// </summary>
[Authorize(Policy = Policies.Counsellor)]
public sealed class CounsellorHub(
    IGrainFactory grains,
    GuidKeyedGrains<IConversationGrain> conversations,
    RelaySubscriptions subscriptions,
    QueueMirrors queues,
    ChatCatalogCache catalog) : Hub
{
    private const string ConversationsKey = "conversations";
    private const string WatchingMeKey = "watching-me";

    /// <summary>
    /// The counsellor's status, their chats with the longest-waiting seekers, and the
    /// conversations they hold. Also starts the live updates of all three.
    /// </summary>
    public async Task<CounsellorOverview> GetOverview()
    {
        var account = await grains.GetGrain<IAccountGrain>(AccountId).GetAsync()
            ?? throw new ChatRuleException(ErrorCodes.AccountDisabled, "The account no longer exists.");
        if (!Context.Items.ContainsKey(WatchingMeKey))
        {
            Context.Items[WatchingMeKey] = true;
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Counsellor(AccountId));
            await subscriptions.AcquireCounsellorAsync(AccountId);
        }

        var overviews = new List<QueueOverview>();
        // A retired chat admits nobody, but those who were waiting when it was retired are still
        // served: it is shown while anyone waits there.
        var chats = await grains.GetGrain<IChatCatalogGrain>(0).GetChatsAsync(includeRetired: true);
        foreach (var chat in chats.Where(c => Serves(account, c)))
        {
            if (chat.Retired && await grains.GetGrain<IQueueGrain>(chat.Id).GetOldestAsync() is null)
            {
                continue;
            }

            await subscriptions.EnsureQueueAsync(chat.Id);
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.CounsellorsWatching(chat.Id));
            overviews.Add(await OverviewOf(chat));
        }

        var status = await Me.GetStatusAsync();
        var conversations = new List<ConversationView>();
        foreach (var id in status.ActiveConversations)
        {
            await WatchAsync(id);
            conversations.Add(await Conversation(id).GetViewAsync(Participant.Counsellor(AccountId)));
        }

        return new CounsellorOverview(account.ChatName, status, overviews, conversations);
    }

    /// <summary>Goes available (takes seekers) or away.</summary>
    public Task<CounsellorStatus> SetAvailable(bool available) => Me.SetAvailableAsync(available);

    /// <summary>
    /// Takes the seeker of <paramref name="conversationId"/> from <paramref name="queueId"/>, or the
    /// longest-waiting one there when it is null. Returns the conversation (with the seeker's address)
    /// and everything the seeker wrote while waiting.
    /// </summary>
    public async Task<JoinedChat> Take(string queueId, Guid? conversationId) =>
        await JoinedAsync(await Me.TakeAsync(queueId, conversationId));

    /// <summary>Takes the seeker who has waited longest in any chat the counsellor serves.</summary>
    public async Task<JoinedChat> TakeNext() => await JoinedAsync(await Me.TakeNextAsync());

    /// <summary>Rejoins one of the counsellor's conversations, with the entries after <paramref name="afterSequence"/>.</summary>
    public async Task<JoinedChat> Open(Guid conversationId, long afterSequence)
    {
        var view = await Conversation(conversationId).GetViewAsync(Participant.Counsellor(AccountId));
        await WatchAsync(conversationId);
        var entries = await Conversation(conversationId).ReadAfterAsync(Participant.Counsellor(AccountId), afterSequence);
        return new JoinedChat(view, entries, null);
    }

    /// <summary>
    /// Stores a message in one of the counsellor's conversations; returns once it is durably stored.
    /// Retrying with the same <paramref name="clientMessageId"/> never stores it twice.
    /// </summary>
    public async Task<SendResult> Send(Guid conversationId, string clientMessageId, string text)
    {
        MessageRules.CheckClientMessageId(clientMessageId);
        MessageRules.CheckText(text);
        var outcome = await Conversation(conversationId).SendAsync(
            Participant.Counsellor(AccountId), clientMessageId, text, Context.ConnectionId);
        return new SendResult(outcome.Entry.Sequence, outcome.Entry.At, outcome.Duplicate);
    }

    /// <summary>The entries after <paramref name="afterSequence"/>, in order (at most 500 a call).</summary>
    public Task<IReadOnlyList<ChatEntry>> ReadAfter(Guid conversationId, long afterSequence) =>
        Conversation(conversationId).ReadAfterAsync(Participant.Counsellor(AccountId), afterSequence);

    /// <summary>The status and longest-waiting seekers of a chat the counsellor serves (after a missed update).</summary>
    public async Task<QueueOverview> GetQueue(string queueId)
    {
        var account = await grains.GetGrain<IAccountGrain>(AccountId).GetAsync();
        var chat = await catalog.FindAsync(queueId)
            ?? throw new ChatRuleException(ErrorCodes.UnknownQueue, "There is no chat with that id.");
        if (account is null || !Serves(account, chat))
        {
            throw new ChatRuleException(ErrorCodes.NotQualified, "You do not serve this chat.");
        }

        return await OverviewOf(chat);
    }

    /// <summary>The other counsellors, with whether they could take a chat handed over now.</summary>
    public async Task<IReadOnlyList<Colleague>> GetColleagues()
    {
        var colleagues = new List<Colleague>();
        foreach (var id in await grains.GetGrain<IAccountDirectoryGrain>(0).ListAsync())
        {
            var account = await grains.GetGrain<IAccountGrain>(id).GetAsync();
            if (id == AccountId || account is null || account.Disabled || !account.Roles.HasFlag(AccountRoles.Counsellor))
            {
                continue;
            }

            var status = await grains.GetGrain<ICounsellorGrain>(id).GetStatusAsync();
            colleagues.Add(new Colleague(
                id, account.ChatName, status.Available, status.MaxConversations - status.ActiveConversations.Count, account.Queues));
        }

        return colleagues;
    }

    /// <summary>Hands one of the counsellor's conversations to a colleague, with its whole timeline.</summary>
    public async Task HandOver(Guid conversationId, Guid toCounsellorId)
    {
        await Me.HandOverAsync(conversationId, toCounsellorId);
        await UnwatchAsync(conversationId);
    }

    /// <summary>
    /// Declines one of the counsellor's conversations as inappropriate: it ends, the seeker sees a
    /// neutral closing message, and the reason is kept only as a statistics category.
    /// </summary>
    public Task<ConversationView> Decline(Guid conversationId, DeclineReason reason) =>
        Conversation(conversationId).DeclineAsync(AccountId, reason);

    /// <summary>Sets a time limit of 5 to 240 minutes from now on one of the counsellor's conversations.</summary>
    public Task<ConversationView> SetTimeLimit(Guid conversationId, int minutes) =>
        Conversation(conversationId).SetTimeLimitAsync(AccountId, minutes);

    /// <summary>Keeps this seeker from opening new chats for a period; returns when the limit ends.</summary>
    public Task<DateTimeOffset> LimitContact(Guid conversationId, ContactLimitPeriod period) =>
        Conversation(conversationId).LimitContactAsync(AccountId, period);

    /// <summary>Sends the seeker the standard notice that the counsellor must contact the authorities.</summary>
    public Task<ChatEntry> SendReportingNotice(Guid conversationId, ReportingNoticeKind kind) =>
        Conversation(conversationId).SendReportingNoticeAsync(AccountId, kind);

    /// <summary>The answers the closing form offers.</summary>
    public Task<IReadOnlyList<TopicOption>> GetClosingFormOptions() =>
        grains.GetGrain<ITopicCatalogGrain>(0).GetOptionsAsync();

    /// <summary>Records a closing form the counsellor owes (see their status's pending forms).</summary>
    public Task<CounsellorStatus> SubmitClosingForm(string formId, ClosingForm form) =>
        Me.SubmitClosingFormAsync(formId ?? "", form);

    /// <summary>The counsellor's own prepared texts.</summary>
    public Task<IReadOnlyList<PreparedText>> GetPreparedTexts() => Me.GetPreparedTextsAsync();

    /// <summary>Replaces the counsellor's prepared texts (at most 50).</summary>
    public Task<IReadOnlyList<PreparedText>> SavePreparedTexts(IReadOnlyList<PreparedText> texts) =>
        Me.SavePreparedTextsAsync(texts ?? []);

    /// <summary>Tells the seeker the counsellor is typing.</summary>
    public Task Typing(Guid conversationId) => Conversation(conversationId).TypingAsync(Participant.Counsellor(AccountId));

    /// <summary>Ends one of the counsellor's conversations for both sides.</summary>
    public Task<ConversationView> End(Guid conversationId) =>
        Conversation(conversationId).EndAsync(Participant.Counsellor(AccountId));

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(ConversationsKey, out var held) && held is HashSet<Guid> ids)
        {
            foreach (var id in ids)
            {
                await subscriptions.ReleaseConversationAsync(id);
            }
        }

        if (Context.Items.ContainsKey(WatchingMeKey))
        {
            await subscriptions.ReleaseCounsellorAsync(AccountId);
        }

        await base.OnDisconnectedAsync(exception);
    }

    private async Task<JoinedChat> JoinedAsync(ConversationView view)
    {
        await WatchAsync(view.Id);
        return new JoinedChat(view, await Conversation(view.Id).ReadAfterAsync(Participant.Counsellor(AccountId), 0), null);
    }

    private async Task<QueueOverview> OverviewOf(ChatDefinition chat)
    {
        var (version, status, longest) = await queues.GetOverviewAsync(chat.Id);
        return new QueueOverview(chat.Id, chat.Names, version, status, longest);
    }

    private async Task WatchAsync(Guid conversationId)
    {
        if (!Context.Items.TryGetValue(ConversationsKey, out var held) || held is not HashSet<Guid> ids)
        {
            ids = [];
            Context.Items[ConversationsKey] = ids;
        }

        if (ids.Add(conversationId))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.CounsellorOf(conversationId, AccountId));
            await subscriptions.AcquireConversationAsync(conversationId);
        }
    }

    private async Task UnwatchAsync(Guid conversationId)
    {
        if (Context.Items.TryGetValue(ConversationsKey, out var held) && held is HashSet<Guid> ids && ids.Remove(conversationId))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.CounsellorOf(conversationId, AccountId));
            await subscriptions.ReleaseConversationAsync(conversationId);
        }
    }

    private static bool Serves(AccountView account, ChatDefinition chat) =>
        !chat.RequiresQualification || account.Queues.Contains(chat.Id);

    private Guid AccountId => Guid.Parse(Context.User!.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private ICounsellorGrain Me => grains.GetGrain<ICounsellorGrain>(AccountId);

    private IConversationGrain Conversation(Guid id) => conversations.Get(id);
}
