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

    /// <summary>The seeker's page went away while they waited, for longer than the grace period.</summary>
    SeekerGone = 3,

    /// <summary>Nobody wrote for longer than the idle limit, after a warning.</summary>
    Idle = 4,

    /// <summary>The counsellor declined the conversation as inappropriate.</summary>
    Declined = 5,

    /// <summary>The time limit the counsellor set ran out.</summary>
    TimeLimit = 6,

    /// <summary>The seeker left in a hurry with the quick exit.</summary>
    QuickExit = 7,
}
