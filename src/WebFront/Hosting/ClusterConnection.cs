namespace Nettiturvakoti.WebFront.Hosting;

/// <summary>
/// How many silo gateways this web front's cluster client is connected to, as the client reports
/// it. Readiness reads it without a grain call, so that one silo hanging or dying does not make
/// every web front look unready at once.
/// </summary>
public sealed partial class ClusterConnection(ILogger<ClusterConnection> logger) : IClusterConnectionStatusObserver
{
    private int _gateways;

    /// <summary>The gateways connected now.</summary>
    public int ConnectedGateways => Volatile.Read(ref _gateways);

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        Volatile.Write(ref _gateways, currentNumberOfGateways);
        if (connectionRecovered)
        {
            LogRecovered(logger, currentNumberOfGateways);
        }
    }

    public void NotifyClusterConnectionLost()
    {
        Volatile.Write(ref _gateways, 0);
        LogLost(logger);
    }

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Lost the connection to every silo of the cluster")]
    private static partial void LogLost(ILogger logger);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Information, Message = "Connected to the cluster again, through {Gateways} gateway(s)")]
    private static partial void LogRecovered(ILogger logger, int gateways);
}
