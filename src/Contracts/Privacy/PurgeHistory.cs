namespace Nettiturvakoti.Privacy;

/// <summary>What supervisors see of the purge.</summary>
/// <param name="Runs">The past runs, newest first.</param>
/// <param name="NextDueAt">When the next purge is due.</param>
[GenerateSerializer, Immutable, Alias("ntk.PurgeHistory")]
public sealed record PurgeHistory(
    [property: Id(0)] IReadOnlyList<PurgeRecord> Runs,
    [property: Id(1)] DateTimeOffset NextDueAt);
