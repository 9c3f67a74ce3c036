namespace Nettiturvakoti.Queues;

/// <summary>A chat's hours as they stand at one moment.</summary>
/// <param name="Openness">Open, closing soon or closed.</param>
/// <param name="ClosesAt">When the current opening ends (null when closed).</param>
/// <param name="AdmitsUntil">When the current opening stops admitting (null when closed).</param>
/// <param name="NextOpensAt">When the chat next opens (null when open, or when no opening is in sight).</param>
[GenerateSerializer, Immutable, Alias("ntk.ChatHoursState")]
public sealed record ChatHoursState(
    [property: Id(0)] ChatOpenness Openness,
    [property: Id(1)] DateTimeOffset? ClosesAt,
    [property: Id(2)] DateTimeOffset? AdmitsUntil,
    [property: Id(3)] DateTimeOffset? NextOpensAt);
