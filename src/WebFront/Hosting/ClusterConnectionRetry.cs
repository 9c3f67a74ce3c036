namespace Nettiturvakoti.WebFront.Hosting;

/// <summary>
/// Lets a web front start before any silo: the first connection to the cluster is tried again
/// after <paramref name="delay"/> until it works or the host is stopped. The web front starts to
/// listen only once connected, so a load balancer sends it nothing before.
/// </summary>
public sealed partial class ClusterConnectionRetry(TimeSpan delay, ILogger<ClusterConnectionRetry> logger)
    : IClientConnectionRetryFilter
{
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogWaiting(logger, delay.TotalSeconds, exception.GetType().Name);
        try
        {
            await Task.Delay(delay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning,
        Message = "No silo of the cluster answered ({ErrorType}); trying again in {Seconds} s")]
    private static partial void LogWaiting(ILogger logger, double seconds, string errorType);
}
