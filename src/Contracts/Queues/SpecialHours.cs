namespace Nettiturvakoti.Queues;

/// <summary>
/// Dates on which a chat keeps other hours than its weekly ones: closed (a holiday) when
/// <see cref="Hours"/> is empty, otherwise open only in those ranges (summer hours, a single
/// evening). Where ranges overlap, the one listed last wins.
/// </summary>
/// <param name="From">The first date, in Helsinki.</param>
/// <param name="To">The last date (inclusive).</param>
/// <param name="Hours">The opening hours on each of those dates; empty for closed.</param>
/// <param name="Note">What the dates are for, shown to staff (never to seekers).</param>
[GenerateSerializer, Immutable, Alias("ntk.SpecialHours")]
public sealed record SpecialHours(
    [property: Id(0)] DateOnly From,
    [property: Id(1)] DateOnly To,
    [property: Id(2)] IReadOnlyList<TimeRange> Hours,
    [property: Id(3)] string Note);
