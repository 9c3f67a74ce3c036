namespace Nettiturvakoti.Conversations;

/// <summary>Why a conversation ended.</summary>
public enum EndReason
{
    /// <summary>The seeker ended it.</summary>
    SeekerEnded = 0,

    /// <summary>The counsellor ended it.</summary>
    CounsellorEnded = 1,

    /// <summary>The seeker left the queue before anyone took the conversation.</summary>
    LeftWhileWaiting = 2,
}
