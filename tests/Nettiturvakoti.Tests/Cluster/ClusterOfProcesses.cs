namespace Nettiturvakoti.Tests.Cluster;

/// <summary>
/// The tests that start real silo and web-front processes. They run one at a time and apart from
/// every other test, so that their timings measure the cluster rather than a crowded machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterOfProcesses
{
    public const string Name = "cluster of real processes";
}
