namespace Nettiturvakoti.Privacy;

/// <summary>One run of the monthly purge: when, and how much it removed. Nothing else.</summary>
/// <param name="RanAt">When it ran.</param>
/// <param name="DueAt">The purge moment it was for (it may run later, after a stop).</param>
/// <param name="AddressesDeleted">How many stored seeker addresses it deleted.</param>
/// <param name="ContactLimitsDropped">How many contact limits ended with the key replacement.</param>
[GenerateSerializer, Immutable, Alias("ntk.PurgeRecord")]
public sealed record PurgeRecord(
    [property: Id(0)] DateTimeOffset RanAt,
    [property: Id(1)] DateTimeOffset DueAt,
    [property: Id(2)] int AddressesDeleted,
    [property: Id(3)] int ContactLimitsDropped);
