namespace Nettiturvakoti;

/// <summary>The codes of <see cref="ChatRuleException"/>, as documented in docs/protocol.md.</summary>
public static class ErrorCodes
{
    /// <summary>The message has no visible text.</summary>
    public const string MessageEmpty = "message-empty";

    /// <summary>The message is longer than <see cref="Conversations.ChatLimits.MaxMessageLength"/>.</summary>
    public const string MessageTooLong = "message-too-long";

    /// <summary>The message holds characters that cannot be stored (NUL, other control characters, broken surrogates).</summary>
    public const string MessageInvalid = "message-invalid";

    /// <summary>The client message id is missing or malformed.</summary>
    public const string BadClientMessageId = "bad-client-message-id";

    /// <summary>No chat (queue) has this id.</summary>
    public const string UnknownQueue = "unknown-queue";

    /// <summary>The conversation does not exist or the caller may not act on it.</summary>
    public const string NotYourConversation = "not-your-conversation";

    /// <summary>The conversation has ended; nothing more can be written in it.</summary>
    public const string ConversationEnded = "conversation-ended";

    /// <summary>The conversation was already started.</summary>
    public const string AlreadyStarted = "already-started";

    /// <summary>The chat does not admit new seekers now: closed, closing soon or retired.</summary>
    public const string ChatClosed = "chat-closed";

    /// <summary>The chat's queue is at its cap; try again later.</summary>
    public const string ChatFull = "chat-full";

    /// <summary>The counsellor is away, so takes no seekers.</summary>
    public const string Away = "away";

    /// <summary>The counsellor already holds as many chats as they may.</summary>
    public const string AtCapacity = "at-capacity";

    /// <summary>The counsellor owes a closing form for an earlier chat.</summary>
    public const string ClosingFormRequired = "closing-form-required";

    /// <summary>A counsellor limited contacts from this address for a while.</summary>
    public const string ContactLimited = "contact-limited";

    /// <summary>The seeker is no longer waiting (taken by someone else, or left).</summary>
    public const string NoLongerWaiting = "no-longer-waiting";

    /// <summary>The counsellor may not serve this chat.</summary>
    public const string NotQualified = "not-qualified";

    /// <summary>The connection has not joined a conversation yet.</summary>
    public const string NoConversation = "no-conversation";

    /// <summary>The service could not answer in time; the same call may be tried again.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Too many requests from this connection or address; wait a little.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>An argument is missing or malformed.</summary>
    public const string BadRequest = "bad-request";

    /// <summary>The account is disabled or no longer exists.</summary>
    public const string AccountDisabled = "account-disabled";

    /// <summary>The account name is taken.</summary>
    public const string AccountExists = "account-exists";

    /// <summary>The password does not meet the password rules.</summary>
    public const string WeakPassword = "weak-password";
}
