using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Queues;
using Nettiturvakoti.WebFront.Hosting;
using Nettiturvakoti.WebFront.Relay;

namespace Nettiturvakoti.WebFront.Hubs;

/// <summary>
/// The anonymous seeker's side of the chat. A connection acts on one conversation at a time: the
/// one it started, or the one it resumed with the conversation's secret. Documented in
/// docs/protocol.md.
/// </summary>
public sealed class SeekerHub(
    IGrainFactory grains, RelaySubscriptions subscriptions, QueueMirrors queues) : Hub
{
    private static readonly string[] Languages = ["fi", "sv", "en"];
    private const string ConversationKey = "conversation";

    /// <summary>The chats a seeker can pick, with their names in each language.</summary>
    public async Task<IReadOnlyList<ChatInfo>> GetChats()
    {
        var chats = await grains.GetGrain<IChatCatalogGrain>(0).GetChatsAsync();
        return [.. chats.Select(c => new ChatInfo(c.Id, c.Names, c.Languages))];
    }

    /// <summary>
    /// Opens a new conversation in <paramref name="queueId"/> and places the seeker in its queue.
    /// The answer holds the conversation id and secret the page needs to resume after a
    /// disconnect; nothing else identifies the seeker.
    /// </summary>
    public async Task<StartedChat> StartChat(string queueId, string language)
    {
        await LeaveCurrentAsync();
        var id = Guid.NewGuid();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var lang = Languages.Contains(language) ? language : Languages[0];
        if (queueId is not { Length: > 0 and <= 32 }
            || await grains.GetGrain<IChatCatalogGrain>(0).FindAsync(queueId) is null)
        {
            throw new ChatRuleException(ErrorCodes.UnknownQueue, "There is no chat with that id.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.SeekerOf(id));
        await subscriptions.AcquireConversationAsync(id);
        Context.Items[ConversationKey] = id;
        try
        {
            var view = await Conversation(id).StartAsync(
                new StartConversation(queueId, secret, SeekerAddress.Of(Context.GetHttpContext()), lang));
            return new StartedChat(id, secret, view, await WatchQueueAsync(view));
        }
        catch
        {
            await LeaveCurrentAsync();
            throw;
        }
    }

    /// <summary>
    /// Rejoins a conversation after a reconnect or a page reload: proves the seeker with the
    /// secret, then returns every entry after <paramref name="afterSequence"/>, in order.
    /// </summary>
    public async Task<JoinedChat> Resume(Guid conversationId, string secret, long afterSequence)
    {
        var conversation = Conversation(conversationId);
        if (!await conversation.IsSeekerAsync(secret ?? ""))
        {
            throw new ChatRuleException(ErrorCodes.NotYourConversation, "There is no such conversation, or it is not yours.");
        }

        if (CurrentOrNull() != conversationId)
        {
            await LeaveCurrentAsync();
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.SeekerOf(conversationId));
            await subscriptions.AcquireConversationAsync(conversationId);
            Context.Items[ConversationKey] = conversationId;
        }

        await conversation.SetSeekerAddressAsync(SeekerAddress.Of(Context.GetHttpContext()));
        var view = await conversation.GetViewAsync(Participant.Seeker);
        var entries = await conversation.ReadAfterAsync(Participant.Seeker, afterSequence);
        return new JoinedChat(view, entries, await WatchQueueAsync(view));
    }

    /// <summary>
    /// Stores a message. Returns once it is durably stored; retrying with the same
    /// <paramref name="clientMessageId"/> never stores it twice.
    /// </summary>
    public async Task<SendResult> Send(string clientMessageId, string text)
    {
        MessageRules.CheckClientMessageId(clientMessageId);
        MessageRules.CheckText(text);
        var outcome = await Conversation(Current()).SendAsync(Participant.Seeker, clientMessageId, text);
        return new SendResult(outcome.Entry.Sequence, outcome.Entry.At, outcome.Duplicate);
    }

    /// <summary>The entries after <paramref name="afterSequence"/>, in order (at most 500 a call).</summary>
    public Task<IReadOnlyList<ChatEntry>> ReadAfter(long afterSequence) =>
        Conversation(Current()).ReadAfterAsync(Participant.Seeker, afterSequence);

    /// <summary>Where the seeker stands in the queue now, or null when no longer waiting.</summary>
    public async Task<QueuePlace?> GetPosition()
    {
        var view = await Conversation(Current()).GetViewAsync(Participant.Seeker);
        return await WatchQueueAsync(view);
    }

    /// <summary>Tells the counsellor the seeker is typing.</summary>
    public Task Typing() => Conversation(Current()).TypingAsync(Participant.Seeker);

    /// <summary>Ends the conversation (or leaves the queue, when still waiting).</summary>
    public Task<ConversationView> End() => Conversation(Current()).EndAsync(Participant.Seeker);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await LeaveCurrentAsync();
        await base.OnDisconnectedAsync(exception);
    }

    private async Task<QueuePlace?> WatchQueueAsync(ConversationView view)
    {
        if (view.Status != ConversationStatus.Waiting)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.SeekersWaitingIn(view.QueueId));
            return null;
        }

        await subscriptions.EnsureQueueAsync(view.QueueId);
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.SeekersWaitingIn(view.QueueId));
        return await queues.GetPlaceAsync(view.QueueId, view.Id);
    }

    private async Task LeaveCurrentAsync()
    {
        if (CurrentOrNull() is { } id)
        {
            Context.Items.Remove(ConversationKey);
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.SeekerOf(id));
            await subscriptions.ReleaseConversationAsync(id);
        }
    }

    private Guid? CurrentOrNull() => Context.Items.TryGetValue(ConversationKey, out var id) ? (Guid)id! : null;

    private Guid Current() => CurrentOrNull()
        ?? throw new ChatRuleException(ErrorCodes.NoConversation, "Start or resume a conversation first.");

    private IConversationGrain Conversation(Guid id) => grains.GetGrain<IConversationGrain>(id);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
