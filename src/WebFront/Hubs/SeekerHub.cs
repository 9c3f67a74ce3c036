using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Feedback;
using Nettiturvakoti.Privacy;
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
    IGrainFactory grains,
    GuidKeyedGrains<IConversationGrain> conversations,
    RelaySubscriptions subscriptions,
    WaitingSeekers waitingSeekers,
    QueueMirrors queues,
    ChatCatalogCache catalog,
    TimeProvider time) : Hub
{
    private const int UpcomingDays = 7;
    private const string ConversationKey = "conversation";
    private const string WaitingKey = "waiting";

    /// <summary>
    /// The chats a seeker can pick: names, whether each takes seekers now (open, closing soon,
    /// closed, full) and its openings in the coming week.
    /// </summary>
    public async Task<IReadOnlyList<ChatInfo>> GetChats()
    {
        var today = ChatSchedule.DateAt(time.GetUtcNow());
        var chats = new List<ChatInfo>();
        foreach (var chat in await catalog.GetChatsAsync())
        {
            await subscriptions.EnsureQueueAsync(chat.Id);
            chats.Add(new ChatInfo(
                chat.Id,
                chat.Names,
                chat.Languages,
                await queues.GetStatusAsync(chat.Id),
                ChatSchedule.Sessions(chat, today, UpcomingDays)));
        }

        return chats;
    }

    /// <summary>
    /// Opens a new conversation in <paramref name="queueId"/> and places the seeker in its queue.
    /// The answer holds the conversation id and secret the page needs to resume after a
    /// disconnect; nothing else identifies the seeker. Throws unknown-queue, already-started (this
    /// connection's chat still runs), rate-limited (too many chats from this address),
    /// contact-limited, chat-closed or chat-full.
    /// </summary>
    public async Task<StartedChat> StartChat(string queueId, string language)
    {
        var chat = await catalog.FindAsync(queueId)
            ?? throw new ChatRuleException(ErrorCodes.UnknownQueue, "There is no chat with that id.");
        if (CurrentOrNull() is { } current && await IsOpenAsync(current))
        {
            throw new ChatRuleException(ErrorCodes.AlreadyStarted, "End the current chat before starting another.");
        }

        if (SeekerAddress.Of(Context.GetHttpContext()) is { } address)
        {
            // Counted against a keyed hash of the address, never the address itself.
            var hash = await grains.GetGrain<IContactLimitGrain>(0).HashAsync(address);
            if (!await grains.GetGrain<IStartRateGrain>(hash).TryStartAsync())
            {
                throw new ChatRuleException(ErrorCodes.RateLimited, "Too many chats opened from here; try again in a few minutes.");
            }
        }

        await LeaveCurrentAsync();
        var id = Guid.NewGuid();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));

        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.SeekerOf(id));
        await subscriptions.AcquireConversationAsync(id);
        Context.Items[ConversationKey] = id;
        try
        {
            var view = await Conversation(id).StartAsync(
                new StartConversation(chat.Id, secret, SeekerAddress.Of(Context.GetHttpContext()), language));
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
        var outcome = await Conversation(Current())
            .SendAsync(Participant.Seeker, clientMessageId, text, Context.ConnectionId);
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
    public async Task<ConversationView> End()
    {
        var view = await Conversation(Current()).EndAsync(Participant.Seeker);
        await WatchQueueAsync(view);
        return view;
    }

    /// <summary>
    /// Leaves at once (the quick exit): ends the conversation, and the counsellor is told the
    /// seeker left in a hurry. Does nothing when there is no conversation.
    /// </summary>
    public async Task QuickExit()
    {
        if (CurrentOrNull() is { } id)
        {
            await Conversation(id).QuickExitAsync();
            await LeaveCurrentAsync();
        }
    }

    /// <summary>
    /// Gives anonymous feedback after the chat ended: a rating from 1 to 5 and optional words (at
    /// most 1000 characters). Kept with the chat and the month only. Once per conversation.
    /// </summary>
    public async Task SubmitFeedback(int rating, string? comment)
    {
        FeedbackRules.Check(rating, comment);
        await Conversation(Current()).GiveFeedbackAsync(rating, comment);
    }

    // Whether this connection's conversation still runs. One whose record is gone (an hour after
    // its end) has ended too.
    private async Task<bool> IsOpenAsync(Guid conversationId)
    {
        try
        {
            return (await Conversation(conversationId).GetViewAsync(Participant.Seeker)).Status != ConversationStatus.Ended;
        }
        catch (ChatRuleException error) when (error.Code == ErrorCodes.NotYourConversation)
        {
            return false;
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await LeaveCurrentAsync();
        await base.OnDisconnectedAsync(exception);
    }

    // Keeps the connection in its queue's group, and its presence reported, while the seeker waits.
    private async Task<QueuePlace?> WatchQueueAsync(ConversationView view)
    {
        var waiting = view.Status == ConversationStatus.Waiting;
        var watched = Context.Items.TryGetValue(WaitingKey, out var held) ? ((string Queue, Guid Id)?)held : null;
        if (watched is { } previous && (!waiting || previous.Id != view.Id))
        {
            Context.Items.Remove(WaitingKey);
            waitingSeekers.Remove(previous.Id, Context.ConnectionId);
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.SeekersWaitingIn(previous.Queue));
            watched = null;
        }

        if (!waiting)
        {
            return null;
        }

        await subscriptions.EnsureQueueAsync(view.QueueId);
        if (watched is null)
        {
            Context.Items[WaitingKey] = (view.QueueId, view.Id);
            waitingSeekers.Add(view.QueueId, view.Id, Context.ConnectionId);
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.SeekersWaitingIn(view.QueueId));
        }

        return await queues.GetPlaceAsync(view.QueueId, view.Id);
    }

    private async Task LeaveCurrentAsync()
    {
        if (Context.Items.Remove(WaitingKey, out var held) && held is ValueTuple<string, Guid> waiting)
        {
            waitingSeekers.Remove(waiting.Item2, Context.ConnectionId);
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.SeekersWaitingIn(waiting.Item1));
        }

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

    private IConversationGrain Conversation(Guid id) => conversations.Get(id);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
