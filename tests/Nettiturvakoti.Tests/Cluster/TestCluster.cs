using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Grains;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.WebFront.Hosting;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Nettiturvakoti.Tests.Cluster;

/// <summary>
/// A cluster of real processes for one test, as docs/deploy.md runs one: silos (src/Silo) and web
/// fronts as Orleans clients (src/WebFront), on a fresh PostgreSQL database with a cluster id of
/// its own and free ports for every process. The test process holds an Orleans client of its own
/// to set up accounts and chats and to look at grains. Everything is killed and the database
/// dropped at the end, and the processes' output goes to the test log when the test fails.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    /// <summary>How long a graceful stop may take before the test fails; the hosts get a little less.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(40);

    private readonly ITestOutputHelper _output;
    private readonly Dictionary<string, string> _settings;
    private readonly List<HostProcess> _everyProcess = [];
    private readonly List<IAsyncDisposable> _clients = [];
    private readonly (int Http, int Silo, int Gateway)[] _siloPorts;
    private readonly int[] _webPorts;
    private IHost? _client;

    private TestCluster(ITestOutputHelper output, StorageOptions storage, int silos, int webFronts)
    {
        _output = output;
        Storage = storage;
        ClusterId = "faults-" + Guid.NewGuid().ToString("N")[..8];
        _siloPorts = [.. Enumerable.Range(0, silos).Select(_ => (FreePort.Next(), FreePort.Next(), FreePort.Next()))];
        _webPorts = [.. Enumerable.Range(0, webFronts).Select(_ => FreePort.Next())];
        Silos = new HostProcess?[silos];
        WebFronts = new HostProcess?[webFronts];
        FrontDoor = new FrontDoor([.. _webPorts.Select(port => new Uri($"http://127.0.0.1:{port}/"))]);
        _settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = storage.ConnectionString!,
            ["Storage:MigrateOnStart"] = "false",
            ["Cluster:ClusterId"] = ClusterId,
            ["Cluster:AdvertisedAddress"] = "127.0.0.1",

            // The tuned failure detection of docs/deploy.md, as measured on this machine.
            ["Cluster:Membership:ProbeTimeout"] = "00:00:01",
            ["Cluster:Membership:MaxProbeTimeout"] = "00:00:02",
            ["Cluster:Membership:NumMissedProbesLimit"] = "2",
            ["Cluster:Membership:NumVotesForDeathDeclaration"] = "1",
            ["Cluster:Membership:TableRefreshTimeout"] = "00:00:02",
            ["Cluster:ShutdownTimeout"] = "00:00:30",
            ["Bootstrap:SupervisorPassword"] = "cluster supervisor " + Guid.NewGuid().ToString("N"),

            // The service's own lines and the host's lifecycle; others only when they warn. Console
            // rules win over the general ones the privacy clamp adds.
            ["Logging:Console:LogLevel:Default"] = "Warning",
            ["Logging:Console:LogLevel:Nettiturvakoti"] = "Information",
            ["Logging:Console:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        };
    }

    public StorageOptions Storage { get; }

    public string ClusterId { get; }

    /// <summary>The test's own Orleans client, connected to the cluster.</summary>
    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>The silo processes by slot (each slot keeps its ports across restarts); null while one is down.</summary>
    public HostProcess?[] Silos { get; }

    /// <summary>The web-front processes by slot.</summary>
    public HostProcess?[] WebFronts { get; }

    /// <summary>The test's load balancer in front of the web fronts.</summary>
    public FrontDoor FrontDoor { get; }

    /// <summary>Since the cluster was created: the time base of every measurement and log line.</summary>
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>
    /// Creates a cluster, runs <paramref name="test"/> on it, and whatever happens kills its
    /// processes and drops its database; on failure the processes' output goes to the test log.
    /// </summary>
    public static async Task RunAsync(ITestOutputHelper output, Func<TestCluster, Task> test, int silos = 2, int webFronts = 2)
    {
        var storage = await TestDatabases.CreateAsync(StorageProvider.PostgreSql);
        var cluster = new TestCluster(output, storage, silos, webFronts);
        try
        {
            await cluster.StartAsync();
            await test(cluster);
        }
        catch
        {
            cluster.WriteProcessOutput();
            throw;
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>A line in the test output, stamped with the cluster clock.</summary>
    public void Report(string line) => _output.WriteLine($"{Clock.Elapsed.TotalSeconds,7:0.000} {line}");

    /// <summary>Starts the process of a silo slot (again) and waits until it is ready.</summary>
    public async Task<HostProcess> StartSiloAsync(int slot)
    {
        var silo = LaunchSilo(slot);
        await silo.WaitReadyAsync();
        return silo;
    }

    /// <summary>Starts the process of a web-front slot (again) and waits until it is ready.</summary>
    public async Task<HostProcess> StartWebFrontAsync(int slot)
    {
        var web = LaunchWebFront(slot);
        await web.WaitReadyAsync();
        return web;
    }

    /// <summary>The slot of the silo a grain is active on now.</summary>
    public async Task<int> SiloSlotOfAsync(IAddressable grain)
    {
        var address = await Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain)
            ?? throw new InvalidOperationException("The grain is not active anywhere.");
        return Array.FindIndex(_siloPorts, p => p.Silo == address.Endpoint.Port);
    }

    /// <summary>
    /// Waits until the test's own client reaches the cluster again. After every silo was gone it
    /// finds the new ones only when a call fails or its next gateway list refresh comes.
    /// </summary>
    public Task WaitUntilClientReachesClusterAsync() =>
        Wait.UntilAsync(
            async () =>
            {
                try
                {
                    return (await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count > 0;
                }
                catch (OrleansException)
                {
                    return false;
                }
            },
            "the test's client to reach the cluster");

    /// <summary>Whether the membership table says the silo of <paramref name="slot"/> (its latest start) is dead.</summary>
    public async Task<bool> IsDeclaredDeadAsync(int slot) =>
        await Db.ScalarAsync(
            Storage,
            "SELECT status FROM cluster_member WHERE cluster_id = @cluster AND port = @port ORDER BY generation DESC LIMIT 1",
            ("@cluster", ClusterId),
            ("@port", _siloPorts[slot].Silo)) == (long)SiloStatus.Dead;

    /// <summary>A chat open around the clock that only counsellors named as serving it take from.</summary>
    public Task<string> CreateChatAsync() => TestChats.CreateAsync(Client);

    /// <summary>A new counsellor serving <paramref name="queueId"/>, logged in through a web front's login form.</summary>
    public async Task<(AccountView Account, CookieContainer Cookies)> LogInCounsellorAsync(string queueId, int webFrontSlot)
    {
        var account = await TestAccounts.CreateCounsellorAsync(Client, available: true, maxConversations: 10, queueId);
        var cookies = await ChatClients.LogInAsync(FrontDoor.Fronts[webFrontSlot], account.UserName, TestAccounts.Password);
        return (account, cookies);
    }

    /// <summary>Disposes <paramref name="client"/> (a SignalR party, say) with the cluster.</summary>
    public T Track<T>(T client)
        where T : IAsyncDisposable
    {
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DisposeClientsAsync();
        }
        finally
        {
            foreach (var process in _everyProcess)
            {
                await process.DisposeAsync();
            }

            await TestDatabases.DropAsync(Storage);
        }
    }

    // The test's SignalR clients and Orleans client; a failure here must not keep the processes alive.
    private async Task DisposeClientsAsync()
    {
        foreach (var client in _clients)
        {
            try
            {
                await client.DisposeAsync();
            }
            catch (Exception error) when (error is IOException or OperationCanceledException or InvalidOperationException)
            {
                Report($"disposing a client failed: {error.Message}");
            }
        }

        if (_client is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _client.StopAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // The cluster may be gone already; the processes are killed next anyway.
            }

            _client.Dispose();
        }
    }

    private async Task StartAsync()
    {
        // Silos and web fronts start together: a web front keeps trying until a silo answers.
        var started = Enumerable.Range(0, Silos.Length).Select(LaunchSilo)
            .Concat(Enumerable.Range(0, WebFronts.Length).Select(LaunchWebFront))
            .ToList();
        await Task.WhenAll(started.Select(p => p.WaitReadyAsync()));
        Report($"cluster {ClusterId} ready: {Silos.Length} silos, {WebFronts.Length} web fronts");

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(_settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseNettiturvakotiClusterClient(builder.Configuration));
        _client = builder.Build();
        await _client.StartAsync();
    }

    private HostProcess LaunchSilo(int slot)
    {
        var (http, silo, gateway) = _siloPorts[slot];
        var environment = Environment(new()
        {
            ["Cluster:SiloPort"] = silo.ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
        });
        var process = HostProcess.Start($"silo{slot + 1}", HostKind.Silo, BuiltHosts.Silo, http, environment, Clock);
        _everyProcess.Add(process);
        Silos[slot] = process;
        return process;
    }

    private HostProcess LaunchWebFront(int slot)
    {
        var environment = Environment(new()
        {
            ["WebFront:Orleans"] = "Client",
            ["WebFront:SecureCookies"] = "false",

            // The test's front door passes each client's own address on, as a load balancer does.
            ["WebFront:TrustedProxies:0"] = "127.0.0.1",

            // Clients retrying through a failover call more often than people type.
            ["WebFront:CallsPerSecond"] = "20",
        });
        var process = HostProcess.Start($"web{slot + 1}", HostKind.WebFront, BuiltHosts.WebFront, _webPorts[slot], environment, Clock);
        _everyProcess.Add(process);
        WebFronts[slot] = process;
        return process;
    }

    // Configuration keys as environment variables: "Cluster:SiloPort" is Cluster__SiloPort.
    private Dictionary<string, string> Environment(Dictionary<string, string> extra) =>
        _settings.Concat(extra).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    private void WriteProcessOutput()
    {
        // By time stamp only: the lines of one entry keep their order.
        foreach (var line in _everyProcess.SelectMany(p => p.Output).OrderBy(l => l[..7], StringComparer.Ordinal))
        {
            _output.WriteLine(line);
        }
    }
}
