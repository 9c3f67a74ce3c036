namespace Nettiturvakoti.Statistics;

/// <summary>What the monthly statistics count. Nothing in a count points to a seeker or a conversation.</summary>
public enum StatisticKind
{
    /// <summary>A seeker was admitted to the queue.</summary>
    Started = 0,

    /// <summary>A counsellor took a waiting seeker (carries the wait).</summary>
    Answered = 1,

    /// <summary>A seeker left the queue themselves before being answered.</summary>
    LeftWhileWaiting = 2,

    /// <summary>A waiting seeker's page went away and they were taken out of the queue.</summary>
    SeekerGone = 3,

    /// <summary>A seeker was turned away because the queue was full.</summary>
    TurnedAwayFull = 4,

    /// <summary>A seeker arrived while the chat did not admit (closed or closing soon).</summary>
    ArrivedClosed = 5,

    /// <summary>A chat ended after being answered (carries its length).</summary>
    Ended = 6,

    /// <summary>An answered chat was closed for being idle.</summary>
    IdleClosed = 7,

    /// <summary>A counsellor declined a chat (its reason is counted as a category).</summary>
    Declined = 8,

    /// <summary>A chat ended at its time limit.</summary>
    TimeLimited = 9,

    /// <summary>A reporting notice was sent (its kind is counted as a category).</summary>
    ReportingNotice = 10,

    /// <summary>A seeker was turned away by a contact limit.</summary>
    ContactLimited = 11,

    /// <summary>A closing form was recorded (its answers are counted as categories).</summary>
    ClosingForm = 12,

    /// <summary>A seeker left with the quick exit.</summary>
    QuickExit = 13,
}
