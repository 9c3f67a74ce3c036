namespace Nettiturvakoti.Conversations;

/// <summary>How long a counsellor keeps a seeker from opening new chats. Every limit ends at the next monthly purge at the latest.</summary>
public enum ContactLimitPeriod
{
    /// <summary>24 hours.</summary>
    Day = 0,

    /// <summary>7 days.</summary>
    Week = 1,

    /// <summary>Until the next monthly purge.</summary>
    UntilPurge = 2,
}
