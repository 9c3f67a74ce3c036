namespace Nettiturvakoti.Conversations;

/// <summary>Where a conversation is in its life.</summary>
public enum ConversationStatus
{
    /// <summary>Not started: no seeker has opened it.</summary>
    New = 0,

    /// <summary>The seeker is in the queue, waiting for a counsellor.</summary>
    Waiting = 1,

    /// <summary>A counsellor has taken it; both sides can write.</summary>
    Active = 2,

    /// <summary>Ended by either side; nothing more can be written.</summary>
    Ended = 3,
}
