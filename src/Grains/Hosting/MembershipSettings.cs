namespace Nettiturvakoti.Hosting;

/// <summary>
/// The <c>Cluster:Membership</c> section: how quickly silos notice that one of them is gone. Each
/// silo probes the others; a silo that misses <see cref="NumMissedProbesLimit"/> probes in a row
/// is suspected, and <see cref="NumVotesForDeathDeclaration"/> suspicions declare it dead (never
/// more votes than half the silos, so two silos need one). Its grains then start again on the
/// silos that are left. The defaults notice a crashed process (its port refuses at once) in about
/// five seconds, and a machine that stopped answering within about fifteen, without declaring
/// dead a silo that only paused for a long garbage collection.
/// </summary>
public sealed class MembershipSettings
{
    /// <summary>How long a probe may take before it counts as missed; also about the time between probes.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest a probe may take when the prober itself is slow (Orleans stretches the timeout
    /// on a struggling host). Empty: four times <see cref="ProbeTimeout"/>.
    /// </summary>
    public TimeSpan? MaxProbeTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Missed probes in a row that make a silo suspected.</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Suspicions from different silos that declare a silo dead.</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How often each silo reads the membership table (besides the gossip it gets).</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a silo writes its heartbeat into the membership table.</summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the rows of dead silos stay in the membership table.</summary>
    public TimeSpan DefunctSiloExpiration { get; set; } = TimeSpan.FromDays(1);
}
