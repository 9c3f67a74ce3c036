using Nettiturvakoti.Hosting;
using Nettiturvakoti.Storage;
using Orleans.Configuration;

namespace Nettiturvakoti.WebFront.Hosting;

/// <summary>Connects a web front to a separate silo cluster.</summary>
public static class ClusterClientExtensions
{
    /// <summary>
    /// Finds the cluster's gateways through the database (PostgreSQL), or on this machine for the
    /// SQLite setup, whose single silo listens on localhost.
    /// </summary>
    public static IClientBuilder UseNettiturvakotiClusterClient(this IClientBuilder client, IConfiguration configuration)
    {
        var storage = configuration.GetStorageOptions();
        var cluster = configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new();
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
