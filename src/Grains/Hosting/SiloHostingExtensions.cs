using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.Privacy;
using Nettiturvakoti.Relay;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Telemetry;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;
using Microsoft.AspNetCore.Identity;

namespace Nettiturvakoti.Hosting;

/// <summary>Wires the service's grains and storage into a silo, whichever process hosts it.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds clustering for the configured storage: localhost clustering for the embedded SQLite
    /// default (one silo), ADO.NET clustering for PostgreSQL (any number of silos).
    /// </summary>
    public static ISiloBuilder UseNettiturvakotiClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = configuration.GetStorageOptions();
        var cluster = ClusterSettings.From(configuration);
        if (storage.Provider == StorageProvider.Sqlite)
        {
            return silo.UseLocalhostClustering(
                cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        }

        silo.Configure<ClusterMembershipOptions>(options => ApplyMembership(cluster.Membership, options));

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        if (cluster.AdvertisedAddress is { Length: > 0 } address)
        {
            silo.ConfigureEndpoints(IPAddress.Parse(address), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
        }

        return silo.UseAdoNetClustering(options =>
        {
            options.Invariant = storage.OrleansInvariant;
            options.ConnectionString = storage.ResolveConnectionString();
        });
    }

    /// <summary>Copies the <c>Cluster:Membership</c> settings onto Orleans' own options.</summary>
    public static void ApplyMembership(MembershipSettings settings, ClusterMembershipOptions options)
    {
        options.ProbeTimeout = settings.ProbeTimeout;
        if (settings.MaxProbeTimeout is { } longest)
        {
            options.MaxProbeTimeout = longest;
        }

        options.NumMissedProbesLimit = settings.NumMissedProbesLimit;
        options.NumVotesForDeathDeclaration = settings.NumVotesForDeathDeclaration;
        options.TableRefreshTimeout = settings.TableRefreshTimeout;
        options.IAmAliveTablePublishTimeout = settings.IAmAliveTablePublishTimeout;
        options.DefunctSiloExpiration = settings.DefunctSiloExpiration;
    }

    /// <summary>
    /// Adds grain storage, reminders and the service's own stores, all in the configured database.
    /// </summary>
    public static ISiloBuilder AddNettiturvakotiGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = configuration.GetStorageOptions();
        if (storage.Provider == StorageProvider.Sqlite)
        {
            // Before Orleans opens its first connection for grain state or reminders.
            SqliteConnectionDefaults.Install();
        }

        silo.Services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        silo.AddAdoNetGrainStorage(StorageNames.Chat, options =>
        {
            options.Invariant = storage.OrleansInvariant;
            options.ConnectionString = storage.ResolveConnectionString();

            // Cleared state leaves no row behind, so what is deleted is gone from the database.
            options.DeleteStateOnClear = true;
        });
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(
            StorageNames.Chat,
            (services, _) => new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()));
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = storage.OrleansInvariant;
            options.ConnectionString = storage.ResolveConnectionString();
        });

        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<ChatMetrics>();
        var operations = OperationsOptions.From(configuration);
        if (operations.Dashboard)
        {
            // The live log stream is off: supervisors see figures, never log lines.
            silo.AddDashboard(options => options.HideTrace = true);
            if (!operations.DashboardProfiling)
            {
                foreach (var filter in silo.Services.Where(IsDashboardCallFilter).ToList())
                {
                    silo.Services.Remove(filter);
                }
            }
        }

        silo.Services.AddOptions<ChatOptions>().Bind(configuration.GetSection(ChatOptions.SectionName));
        silo.Services.AddSingleton<LocalRelays>();
        silo.Services.AddSingleton<ChatDatabase>();
        silo.Services.AddSingleton<WriteBatcher>();
        silo.Services.AddHostedService<SqliteCheckpointer>();
        silo.Services.AddSingleton<TranscriptStore>();
        silo.Services.AddSingleton<WaitingListStore>();
        silo.Services.AddSingleton<SeekerAddressStore>();
        silo.Services.AddSingleton<AuditStore>();
        silo.Services.AddSingleton<FeedbackStore>();
        silo.Services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName));
        silo.Services.AddSingleton<IPasswordHasher<AccountState>, PasswordHasher<AccountState>>();

        silo.Services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.SectionName));
        silo.Services.AddSingleton<FirstSupervisor>();
        silo.AddStartupTask((services, cancellationToken) =>
            services.GetRequiredService<FirstSupervisor>().EnsureAsync(cancellationToken));
        silo.AddStartupTask((services, _) =>
            services.GetRequiredService<IGrainFactory>().GetGrain<IPrivacyPurgeGrain>(0).EnsureScheduledAsync());
        return silo;
    }

    /// <summary>The <c>Storage</c> section, with defaults for what it leaves out.</summary>
    public static StorageOptions GetStorageOptions(this IConfiguration configuration) =>
        configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();

    // The dashboard's own filters on incoming grain calls (its method profiler).
    private static bool IsDashboardCallFilter(ServiceDescriptor service) =>
        service.ServiceType == typeof(IIncomingGrainCallFilter)
        && service.ImplementationType?.Assembly == typeof(DashboardOptions).Assembly;
}
