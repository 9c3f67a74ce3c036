using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nettiturvakoti.Hosting;
using Nettiturvakoti.Storage;
using Orleans.Runtime;

namespace Nettiturvakoti.Silo;

/// <summary>
/// Ready while this silo is an active member of its cluster and the database answers; not ready
/// while it joins, once it starts to stop, and while the database is out of reach.
/// </summary>
internal sealed class SiloReadiness(ISiloStatusOracle membership, ChatDatabase database, IHostApplicationLifetime lifetime)
    : IHealthCheck
{
    /// <summary>The tag of the checks /health/ready runs.</summary>
    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the silo is stopping");
        }

        var status = membership.CurrentStatus;
        if (status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"the silo is {status}, not active");
        }

        return await DatabaseProbe.FailureAsync(database, cancellationToken) is { } failure
            ? HealthCheckResult.Unhealthy(failure)
            : HealthCheckResult.Healthy("the silo is active and the database answers");
    }
}
