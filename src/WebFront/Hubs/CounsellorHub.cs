using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;
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
    IGrainFactory grains, RelaySubscriptions subscriptions, QueueMirrors queues) : Hub
{
    private const string ConversationsKey = "conversations";

    /// <summary>
    /// The counsellor's chats with their longest-waiting seekers, and the conversations they are
    /// in. Also starts the live updates of both.
    /// </summary>
    public async Task<CounsellorOverview> GetOverview()
    {
        var account = await grains.GetGrain<IAccountGrain>(AccountId).GetAsync()
            ?? throw new HubException("The account no longer exists.");
        var chats = await grains.GetGrain<IChatCatalogGrain>(0).GetChatsAsync();
        var overviews = new List<QueueOverview>();
        foreach (var chat in chats.Where(c => !c.RequiresQualification || account.Queues.Contains(c.Id)))
        {
            await subscriptions.EnsureQueueAsync(chat.Id);
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.CounsellorsWatching(chat.Id));
            var (version, waiting, longest) = await queues.GetOverviewAsync(chat.Id);
            overviews.Add(new QueueOverview(chat.Id, chat.Names, version, waiting, longest));
        }

        var conversations = new List<ConversationView>();
        foreach (var id in await grains.GetGrain<ICounsellorGrain>(AccountId).GetActiveConversationsAsync())
        {
            await WatchAsync(id);
            conversations.Add(await Conversation(id).GetViewAsync(Me));
        }

        return new CounsellorOverview(account.ChatName, overviews, conversations);
    }

    /// <summary>
    /// Takes the seeker of <paramref name="conversationId"/> from <paramref name="queueId"/>, or the
    /// longest-waiting one when it is null. Returns the conversation (with the seeker's address)
    /// and everything the seeker wrote while waiting.
    /// </summary>
    public async Task<JoinedChat> Take(string queueId, Guid? conversationId)
    {
        var view = await grains.GetGrain<ICounsellorGrain>(AccountId).TakeAsync(queueId, conversationId);
        await WatchAsync(view.Id);
        return new JoinedChat(view, await Conversation(view.Id).ReadAfterAsync(Me, 0), null);
    }

    /// <summary>Rejoins one of the counsellor's conversations, with the entries after <paramref name="afterSequence"/>.</summary>
    public async Task<JoinedChat> Open(Guid conversationId, long afterSequence)
    {
        var view = await Conversation(conversationId).GetViewAsync(Me);
        await WatchAsync(conversationId);
        return new JoinedChat(view, await Conversation(conversationId).ReadAfterAsync(Me, afterSequence), null);
    }

    /// <summary>
    /// Stores a message in one of the counsellor's conversations; returns once it is durably stored.
    /// Retrying with the same <paramref name="clientMessageId"/> never stores it twice.
    /// </summary>
    public async Task<SendResult> Send(Guid conversationId, string clientMessageId, string text)
    {
        MessageRules.CheckClientMessageId(clientMessageId);
        MessageRules.CheckText(text);
        var outcome = await Conversation(conversationId).SendAsync(Me, clientMessageId, text);
        return new SendResult(outcome.Entry.Sequence, outcome.Entry.At, outcome.Duplicate);
    }

    /// <summary>The entries after <paramref name="afterSequence"/>, in order (at most 500 a call).</summary>
    public Task<IReadOnlyList<ChatEntry>> ReadAfter(Guid conversationId, long afterSequence) =>
        Conversation(conversationId).ReadAfterAsync(Me, afterSequence);

    /// <summary>The whole waiting list of a chat the counsellor serves (after a missed update).</summary>
    public async Task<QueueOverview> GetQueue(string queueId)
    {
        var account = await grains.GetGrain<IAccountGrain>(AccountId).GetAsync();
        var chat = await grains.GetGrain<IChatCatalogGrain>(0).FindAsync(queueId ?? "")
            ?? throw new ChatRuleException(ErrorCodes.UnknownQueue, "There is no chat with that id.");
        if (chat.RequiresQualification && account?.Queues.Contains(chat.Id) != true)
        {
            throw new ChatRuleException(ErrorCodes.NotQualified, "You do not serve this chat.");
        }

        var (version, waiting, longest) = await queues.GetOverviewAsync(chat.Id);
        return new QueueOverview(chat.Id, chat.Names, version, waiting, longest);
    }

    /// <summary>Tells the seeker the counsellor is typing.</summary>
    public Task Typing(Guid conversationId) => Conversation(conversationId).TypingAsync(Me);

    /// <summary>Ends one of the counsellor's conversations for both sides.</summary>
    public Task<ConversationView> End(Guid conversationId) => Conversation(conversationId).EndAsync(Me);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(ConversationsKey, out var held) && held is HashSet<Guid> ids)
        {
            foreach (var id in ids)
            {
                await subscriptions.ReleaseConversationAsync(id);
            }
        }

        await base.OnDisconnectedAsync(exception);
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
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.CounsellorOf(conversationId));
            await subscriptions.AcquireConversationAsync(conversationId);
        }
    }

    private Guid AccountId => Guid.Parse(Context.User!.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private Participant Me => Participant.Counsellor(AccountId);

    private IConversationGrain Conversation(Guid id) => grains.GetGrain<IConversationGrain>(id);
}
