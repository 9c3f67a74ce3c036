namespace Nettiturvakoti.Audit;

/// <summary>
/// One recorded use of a counsellor's powers: who, what, when. Never chat text, never an IP
/// address, never which conversation.
/// </summary>
/// <param name="At">When it happened.</param>
/// <param name="AccountId">The counsellor's account id.</param>
/// <param name="UserName">The counsellor's user name at the time.</param>
/// <param name="Action">What they did.</param>
/// <param name="Detail">The category or amount that goes with it (a decline reason, minutes, a period, a notice kind).</param>
/// <param name="QueueId">The chat it happened in.</param>
[GenerateSerializer, Immutable, Alias("ntk.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] Guid AccountId,
    [property: Id(2)] string UserName,
    [property: Id(3)] AuditAction Action,
    [property: Id(4)] string Detail,
    [property: Id(5)] string QueueId);
