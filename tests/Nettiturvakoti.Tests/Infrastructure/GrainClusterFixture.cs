using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Nettiturvakoti.Hosting;
using Nettiturvakoti.Storage;
using Orleans.TestingHost;

namespace Nettiturvakoti.Tests.Infrastructure;

/// <summary>
/// One in-process silo on a real database, shared by the tests of a collection. The grains'
/// clock is fake; Orleans' own background work keeps real time.
/// </summary>
public abstract class GrainClusterFixture(
    StorageProvider provider,
    IDictionary<string, string?>? settings = null,
    bool remindersOnFakeTime = false,
    DateTimeOffset? start = null) : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    /// <summary>Thursday 3 December 2026, 12:30 in Helsinki: the Finnish and Swedish chats are open.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 3, 10, 30, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(start ?? Start);

    public StorageOptions Storage { get; private set; } = null!;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.GetSiloServiceProvider();

    public async Task InitializeAsync()
    {
        Storage = await TestDatabases.CreateAsync(provider);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(StorageSettings(Storage))
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddNettiturvakotiGrains(configuration);
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            if (remindersOnFakeTime)
            {
                // Reminders fire on the fake clock too. The silo reloads reminders further ahead than
                // its loading window on a timer of its own, which keeps real time; a window of a day
                // keeps every reminder of these tests loaded instead.
                silo.Services.AddKeyedSingleton<TimeProvider>("Orleans.Reminders", Time);
                silo.Services.Configure<Orleans.Hosting.ReminderOptions>(o => o.ReminderLoadingWindow = TimeSpan.FromDays(1));
            }
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>
    /// Waits for <paramref name="condition"/> while the fake clock keeps moving, a minute at each
    /// look, as time does for a real service: work scheduled for a moment already passed (a
    /// reminder that fell behind) waits for the clock to move again.
    /// </summary>
    public Task WaitWhileTimePassesAsync(Func<Task<bool>> condition, string what) =>
        Wait.UntilAsync(async () =>
        {
            if (await condition())
            {
                return true;
            }

            Time.Advance(TimeSpan.FromMinutes(1));
            return false;
        }, what, TimeSpan.FromSeconds(30));

    /// <summary>Stops the silo and starts a new one on the same database.</summary>
    public async Task RestartSiloAsync()
    {
        await Cluster.RestartSiloAsync(Cluster.Silos[0]);

        // The client would otherwise keep trying the old silo's gateway for a while.
        await Cluster.StopClusterClientAsync();
        await Cluster.InitializeClientAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        await TestDatabases.DropAsync(Storage);
    }

    public static Dictionary<string, string?> StorageSettings(StorageOptions storage) => new()
    {
        ["Storage:Provider"] = storage.Provider.ToString(),
        ["Storage:DataDirectory"] = storage.DataDirectory,
        ["Storage:ConnectionString"] = storage.ConnectionString,
        ["Bootstrap:SupervisorPassword"] = "not-used-in-grain-tests-" + Guid.NewGuid().ToString("N"),
    };
}

public sealed class SqliteClusterFixture() : GrainClusterFixture(StorageProvider.Sqlite);

public sealed class PostgresClusterFixture() : GrainClusterFixture(StorageProvider.PostgreSql);

/// <summary>
/// A cluster of its own for tests that move the clock forward by minutes, hours and months;
/// reminders keep the fake time too. Chat text is kept ten minutes after a chat ends.
/// </summary>
public abstract class TimeTravelFixture(StorageProvider provider) : GrainClusterFixture(provider, new Dictionary<string, string?>
{
    ["Chat:WaitingSeekerGrace"] = "00:10:00",
    ["Chat:QueueTick"] = "00:00:15",
    ["Privacy:TranscriptGrace"] = "00:10:00",
}, remindersOnFakeTime: true);

public sealed class TimeTravelClusterFixture() : TimeTravelFixture(StorageProvider.Sqlite);

/// <summary>
/// A cluster whose clock starts ten minutes before a monthly purge (1 January 2027, 03:00 in
/// Helsinki), so that the purge's own reminder can be seen to run it.
/// </summary>
public abstract class PurgeFixture(StorageProvider provider) : GrainClusterFixture(
    provider,
    new Dictionary<string, string?> { ["Chat:IdleWarning"] = "02:00:00", ["Chat:IdleClose"] = "03:00:00" },
    remindersOnFakeTime: true,
    start: new DateTimeOffset(2027, 1, 1, 0, 50, 0, TimeSpan.Zero));

public sealed class SqlitePurgeFixture() : PurgeFixture(StorageProvider.Sqlite);

public sealed class PostgresPurgeFixture() : PurgeFixture(StorageProvider.PostgreSql);

public sealed class PostgresTimeTravelFixture() : TimeTravelFixture(StorageProvider.PostgreSql);

[CollectionDefinition(Name)]
public sealed class PostgresTimeTravel : ICollectionFixture<PostgresTimeTravelFixture>
{
    public const string Name = "grains on PostgreSQL with a moving clock";
}

[CollectionDefinition(Name)]
public sealed class TimeTravelCluster : ICollectionFixture<TimeTravelClusterFixture>
{
    public const string Name = "grains with a moving clock";
}

[CollectionDefinition(Name)]
public sealed class SqliteCluster : ICollectionFixture<SqliteClusterFixture>
{
    public const string Name = "grains on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCluster : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "grains on PostgreSQL";
}
