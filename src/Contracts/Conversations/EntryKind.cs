namespace Nettiturvakoti.Conversations;

/// <summary>What an entry of a conversation's timeline is.</summary>
public enum EntryKind
{
    /// <summary>Text written by the seeker or the counsellor.</summary>
    Message = 0,

    /// <summary>A counsellor joined the conversation.</summary>
    CounsellorJoined = 1,

    /// <summary>The conversation ended; <see cref="ChatEntry.Text"/> holds the <see cref="EndReason"/> name.</summary>
    Ended = 2,

    /// <summary>
    /// Nobody has written for a while: the chat closes at the time in <see cref="ChatEntry.Text"/>
    /// (ISO 8601) unless someone writes.
    /// </summary>
    IdleWarning = 3,

    /// <summary>Another counsellor took over the conversation; <see cref="ChatEntry.Text"/> holds their chat name.</summary>
    HandedOver = 4,

    /// <summary>The counsellor set a time limit; the chat ends at the time in <see cref="ChatEntry.Text"/> (ISO 8601).</summary>
    TimeLimitSet = 5,

    /// <summary>The time limit is near: the chat ends at the time in <see cref="ChatEntry.Text"/> (ISO 8601).</summary>
    TimeLimitWarning = 6,

    /// <summary>
    /// The standard notice that the counsellor must contact the authorities;
    /// <see cref="ChatEntry.Text"/> holds the <see cref="ReportingNoticeKind"/> name. Pages show it
    /// in the seeker's language, set apart from the messages.
    /// </summary>
    ReportingNotice = 7,
}
