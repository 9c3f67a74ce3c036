namespace Nettiturvakoti.Conversations;

/// <summary>Why a counsellor declined a conversation: kept only as a statistics category.</summary>
public enum DeclineReason
{
    /// <summary>Abusive, threatening or sexual harassment of the counsellor.</summary>
    Abusive = 0,

    /// <summary>A prank or a test, not a real contact.</summary>
    NotGenuine = 1,

    /// <summary>Not about violence in close relationships, and not for this service.</summary>
    OutOfScope = 2,

    /// <summary>Some other reason to decline.</summary>
    Other = 3,
}
