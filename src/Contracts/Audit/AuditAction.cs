namespace Nettiturvakoti.Audit;

/// <summary>The counsellor powers that are audited.</summary>
public enum AuditAction
{
    /// <summary>Declined a conversation.</summary>
    Declined = 0,

    /// <summary>Set a time limit on a conversation.</summary>
    TimeLimitSet = 1,

    /// <summary>Limited a seeker's contacts.</summary>
    ContactLimited = 2,

    /// <summary>Sent the reporting notice.</summary>
    ReportingNoticeSent = 3,
}
