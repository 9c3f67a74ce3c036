namespace Nettiturvakoti.Privacy;

/// <summary>The purge's own record: its past runs, and the purge moment it last ran for.</summary>
[GenerateSerializer, Alias("ntk.PurgeState")]
public sealed class PurgeState
{
    [Id(0)]
    public List<PurgeRecord> Runs { get; set; } = [];

    [Id(1)]
    public DateTimeOffset? LastDueAt { get; set; }
}
