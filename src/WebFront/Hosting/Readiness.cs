using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nettiturvakoti.Hosting;
using Nettiturvakoti.Storage;
using Orleans.Runtime;

namespace Nettiturvakoti.WebFront.Hosting;

/// <summary>
/// Ready while the grains can be reached and the database answers: with a silo inside, while that
/// silo is an active member; as a cluster client, while it is connected to some gateway, or else
/// when a silo answers a cheap call (which also makes a client that lost every gateway look for
/// them again). Not ready once the web front starts to stop.
/// </summary>
internal sealed class Readiness(
    IServiceProvider services, IGrainFactory grains, ChatDatabase database, IHostApplicationLifetime lifetime) : IHealthCheck
{
    /// <summary>The tag of the checks /health/ready runs.</summary>
    public const string Tag = "ready";

    private static readonly TimeSpan ClusterTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the web front is stopping");
        }

        if (await GrainsFailureAsync(cancellationToken) is { } grainsFailure)
        {
            return HealthCheckResult.Unhealthy(grainsFailure);
        }

        return await DatabaseProbe.FailureAsync(database, cancellationToken) is { } databaseFailure
            ? HealthCheckResult.Unhealthy(databaseFailure)
            : HealthCheckResult.Healthy("the grains and the database answer");
    }

    private async Task<string?> GrainsFailureAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<ISiloStatusOracle>() is { } localSilo)
        {
            return localSilo.CurrentStatus == SiloStatus.Active ? null : $"the silo is {localSilo.CurrentStatus}, not active";
        }

        if (services.GetService<ClusterConnection>() is { ConnectedGateways: > 0 })
        {
            return null;
        }

        try
        {
            var silos = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken)
                .WaitAsync(ClusterTimeout, cancellationToken);
            return silos.Count > 0 ? null : "the cluster has no active silo";
        }
        catch (Exception error) when (error is TimeoutException or OrleansException)
        {
            return $"no silo answered ({error.GetType().Name})";
        }
    }
}
