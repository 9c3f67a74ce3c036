namespace Nettiturvakoti.Hosting;

/// <summary>The <c>Cluster:Client</c> section: how a web front (an Orleans client) reaches the silos.</summary>
public sealed class ClusterClientSettings
{
    /// <summary>
    /// How often the list of live gateways is read from the membership table. A gateway that closes
    /// its connection is dropped at once; a silo that joins is used from the next read.
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a grain call may go unanswered. A call that was on its way through a gateway when
    /// that silo died gets no answer at all, so this bounds how long a seeker or counsellor waits
    /// before their page is told to try again.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait between attempts when no silo can be reached at start.</summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
