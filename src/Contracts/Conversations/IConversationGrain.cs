using Nettiturvakoti.Relay;

namespace Nettiturvakoti.Conversations;

/// <summary>
/// One chat between an anonymous seeker and a counsellor, keyed by an unguessable id. It owns the
/// conversation's timeline: every entry gets the next sequence number and is stored durably
/// before the call that wrote it completes.
/// </summary>
public interface IConversationGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Opens the conversation for a seeker and places it in the chosen queue.
    /// Throws <see cref="ChatRuleException"/> with <see cref="ErrorCodes.UnknownQueue"/> for a
    /// queue that does not exist, or <see cref="ErrorCodes.AlreadyStarted"/> when called twice.
    /// </summary>
    /// <returns>The conversation as the seeker sees it (status <see cref="ConversationStatus.Waiting"/>).</returns>
    Task<ConversationView> StartAsync(StartConversation request);

    /// <summary>
    /// Whether <paramref name="seekerSecret"/> is the secret given when the conversation started.
    /// False for a conversation that was never started, so probing ids learns nothing.
    /// </summary>
    Task<bool> IsSeekerAsync(string seekerSecret);

    /// <summary>
    /// Records the address the seeker connects from now, for the counsellor to see while the chat
    /// lasts. Ignored once the conversation has ended.
    /// </summary>
    Task SetSeekerAddressAsync(string? address);

    /// <summary>
    /// The conversation as <paramref name="viewer"/> may see it. Throws
    /// <see cref="ErrorCodes.NotYourConversation"/> when a counsellor asks who is not assigned, or
    /// when the conversation was never started.
    /// </summary>
    Task<ConversationView> GetViewAsync(Participant viewer);

    /// <summary>
    /// Stores a message from the seeker or the assigned counsellor and hands it to every subscribed
    /// relay. A send repeated by the same side with the same <paramref name="clientMessageId"/> is
    /// stored once: the repeat returns the stored entry with <see cref="SendOutcome.Duplicate"/> set.
    /// The seeker may write while waiting; the counsellor once assigned.
    /// Throws <see cref="ErrorCodes.MessageEmpty"/>, <see cref="ErrorCodes.MessageTooLong"/>,
    /// <see cref="ErrorCodes.BadClientMessageId"/>, <see cref="ErrorCodes.NotYourConversation"/> or
    /// <see cref="ErrorCodes.ConversationEnded"/>; nothing is stored then.
    /// </summary>
    /// <param name="from">Who writes.</param>
    /// <param name="clientMessageId">The sender's id of the message, the same on every retry.</param>
    /// <param name="text">The message.</param>
    /// <param name="senderConnectionId">
    /// The SignalR connection the message came on, if any: relays pass the new entry to every other
    /// connection of the conversation but not back to this one, which has the answer.
    /// </param>
    Task<SendOutcome> SendAsync(
        Participant from, string clientMessageId, string text, string? senderConnectionId = null);

    /// <summary>
    /// The entries after <paramref name="afterSequence"/>, in order, at most
    /// <see cref="ChatLimits.MaxEntriesPerRead"/>; a client that reconnects calls this with the last
    /// sequence number it saw, and again while it gets a full page.
    /// </summary>
    Task<IReadOnlyList<ChatEntry>> ReadAfterAsync(Participant viewer, long afterSequence);

    /// <summary>
    /// Gives a waiting conversation to a counsellor. Called by the queue grain only, so that one
    /// seeker never gets two counsellors. Throws <see cref="ErrorCodes.NoLongerWaiting"/> when the
    /// conversation is not waiting.
    /// </summary>
    /// <returns>The conversation as the counsellor sees it, with the seeker's address.</returns>
    Task<ConversationView> AssignAsync(CounsellorRef counsellor);

    /// <summary>
    /// Ends the conversation for both sides. Ending an ended conversation does nothing. A seeker
    /// who ends while waiting leaves the queue.
    /// </summary>
    Task<ConversationView> EndAsync(Participant by);

    /// <summary>
    /// Ends the conversation on the service's own decision (a waiting seeker's page went away).
    /// Ending an ended conversation does nothing.
    /// </summary>
    Task ExpireAsync(EndReason reason);

    /// <summary>
    /// Moves the conversation from one counsellor to another; the whole timeline goes with it and
    /// the first counsellor loses access at once. Called by the counsellor grains only. Throws
    /// <see cref="ErrorCodes.NotYourConversation"/> when <paramref name="fromCounsellorId"/> is
    /// not the assigned counsellor of an active conversation.
    /// </summary>
    /// <returns>The conversation as the new counsellor sees it.</returns>
    Task<ConversationView> ReassignAsync(Guid fromCounsellorId, CounsellorRef newCounsellor);

    /// <summary>
    /// Declines the conversation as inappropriate: it ends, and the seeker sees a neutral closing
    /// message. The reason is kept only as a statistics category. Audited.
    /// </summary>
    Task<ConversationView> DeclineAsync(Guid counsellorId, DeclineReason reason);

    /// <summary>
    /// Sets (or changes) a time limit of <paramref name="minutes"/> from now (5 to 240): both sides
    /// see when it ends, both are warned before, and the chat ends by itself then. The limit is
    /// stored, so it holds across restarts. Audited.
    /// </summary>
    Task<ConversationView> SetTimeLimitAsync(Guid counsellorId, int minutes);

    /// <summary>
    /// Keeps this seeker (by a keyed hash of their address) from opening new chats for a period;
    /// the limit ends at the next monthly purge at the latest. Audited.
    /// </summary>
    /// <returns>When the limit ends.</returns>
    Task<DateTimeOffset> LimitContactAsync(Guid counsellorId, ContactLimitPeriod period);

    /// <summary>
    /// Sends the seeker the standard notice that the counsellor must contact the authorities,
    /// shown apart from the messages. Counted and audited.
    /// </summary>
    Task<ChatEntry> SendReportingNoticeAsync(Guid counsellorId, ReportingNoticeKind kind);

    /// <summary>
    /// The seeker left in a hurry (the quick exit): ends the conversation and tells the counsellor so.
    /// </summary>
    Task QuickExitAsync();

    /// <summary>
    /// Stores the seeker's feedback, once, after the conversation ended: with the chat and the
    /// month only, so that it cannot be joined back to this conversation. The conversation keeps
    /// only that feedback was given. Throws <see cref="ErrorCodes.BadRequest"/> before the end,
    /// when feedback was already given, or for a rating or comment that cannot be kept.
    /// </summary>
    Task GiveFeedbackAsync(int rating, string? comment);

    /// <summary>Tells the other side that <paramref name="from"/> is typing. Nothing is stored.</summary>
    Task TypingAsync(Participant from);

    /// <summary>
    /// Subscribes a web front's relay to this conversation's events until
    /// <see cref="RelayLease.Duration"/> passes without a renewal (calling this again renews).
    /// </summary>
    Task SubscribeAsync(IChatRelay relay);

    /// <summary>Stops sending events to <paramref name="relay"/>.</summary>
    Task UnsubscribeAsync(IChatRelay relay);
}
