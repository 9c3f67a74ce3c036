using Nettiturvakoti.Hosting;
using Nettiturvakoti.Storage;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Nettiturvakoti.WebFront.Hosting;

/// <summary>Connects a web front to a separate silo cluster.</summary>
public static class ClusterClientExtensions
{
    /// <summary>
    /// Finds the cluster's gateways through the database (PostgreSQL), or on this machine for the
    /// SQLite setup, whose single silo listens on localhost. Keeps trying at start until a silo
    /// answers, reads the list of gateways often enough to move to new silos quickly, and gives up
    /// on an unanswered call after <c>Cluster:Client:ResponseTimeout</c>.
    /// </summary>
    public static IClientBuilder UseNettiturvakotiClusterClient(this IClientBuilder client, IConfiguration configuration)
    {
        var storage = configuration.GetStorageOptions();
        var cluster = ClusterSettings.From(configuration);
        client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = cluster.Client.GatewayListRefreshPeriod);
        client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = cluster.Client.ResponseTimeout);
        client.Services.AddSingleton<IClientConnectionRetryFilter>(services => new ClusterConnectionRetry(
            cluster.Client.ConnectRetryDelay, services.GetRequiredService<ILogger<ClusterConnectionRetry>>()));
        client.Services.AddSingleton<ClusterConnection>();
        if (OperationsOptions.From(configuration).Dashboard)
        {
            client.AddDashboard(options => options.HideTrace = true);
        }

        client.Services.AddSingleton<IClusterConnectionStatusObserver>(services => services.GetRequiredService<ClusterConnection>());
        if (storage.Provider == StorageProvider.Sqlite)
        {
            return client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
        }

        client.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        return client.UseAdoNetClustering(options =>
        {
            options.Invariant = storage.OrleansInvariant;
            options.ConnectionString = storage.ResolveConnectionString();
        });
    }
}
