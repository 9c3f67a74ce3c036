using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Nettiturvakoti.Storage;
using Nettiturvakoti.WebFront.Hosting;

namespace Nettiturvakoti.Tests.Infrastructure;

/// <summary>
/// The real web front with its co-hosted silo, on Kestrel at a free loopback port, over a real
/// database. Can be restarted on the same database.
/// </summary>
public sealed class WebFrontHost : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private WebApplication? _app;

    private readonly LogLevel _logLevel;

    public WebFrontHost(
        StorageOptions storage, IDictionary<string, string?>? extraSettings = null, LogLevel logLevel = LogLevel.Information)
    {
        Storage = storage;
        _logLevel = logLevel;
        _settings = new Dictionary<string, string?>(GrainClusterFixture.StorageSettings(storage))
        {
            ["Cluster:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
            ["WebFront:SecureCookies"] = "false",
            ["Bootstrap:SupervisorPassword"] = SupervisorPassword,

            // Tests open many chats from 127.0.0.1 on a clock that stands still; the limit on
            // new chats per address is tested where it is set back to its usual value.
            ["Chat:StartsPerWindow"] = "100000",
        };
        foreach (var category in new[] { "Default", "Orleans", "Microsoft.AspNetCore", "Polly" })
        {
            // Every category at the requested level, overriding the app's own settings.
            _settings[$"Logging:LogLevel:{category}"] = logLevel.ToString();
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string SupervisorPassword { get; } = "first supervisor " + Guid.NewGuid().ToString("N");

    /// <summary>The clock of the service's grains and pages; Orleans' own work keeps real time.</summary>
    public FakeTimeProvider Time { get; } = new(GrainClusterFixture.Start);

    public StorageOptions Storage { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Not started.");

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Lines every logger of the host wrote, for checks that nothing private is logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>
    /// A chat for one test (see <see cref="Grains.TestChats"/>). Made as a supervisor's change
    /// would be, so this web front's cached list of chats is refreshed at once.
    /// </summary>
    public async Task<string> CreateTestChatAsync(int queueCap = 100)
    {
        var id = await Nettiturvakoti.Tests.Grains.TestChats.CreateAsync(Grains, queueCap);
        Services.GetRequiredService<Nettiturvakoti.WebFront.Relay.ChatCatalogCache>().Invalidate();
        return id;
    }

    /// <summary>
    /// Moves the clock forward in steps of half a minute, doing at each step what the web front's
    /// background loop does as time passes: reporting waiting seekers and renewing subscriptions.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan total)
    {
        var subscriptions = Services.GetRequiredService<Nettiturvakoti.WebFront.Relay.RelaySubscriptions>();
        for (var passed = TimeSpan.Zero; passed < total; passed += TimeSpan.FromSeconds(30))
        {
            await subscriptions.RenewAllAsync();
            await subscriptions.ReportPresenceAsync();
            Time.Advance(TimeSpan.FromSeconds(30));
        }

        await subscriptions.RenewAllAsync();
    }

    public async Task StartAsync()
    {
        _app = WebFrontApp.Create([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(_settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton<TimeProvider>(Time);
            builder.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(Logs);
            builder.Logging.SetMinimumLevel(_logLevel);
            builder.Logging.AddFilter((_, _, level) => level >= _logLevel);
        });
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.First());
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
