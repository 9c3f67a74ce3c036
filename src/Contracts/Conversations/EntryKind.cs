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
}
