using Microsoft.Playwright;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Infrastructure;

namespace Nettiturvakoti.Tests.Browser;

/// <summary>
/// The real web front on a fresh SQLite database and one headless Debian Chromium, shared by a
/// collection of browser tests. Each test makes its own <see cref="IBrowserContext"/>, so cookies,
/// storage and network state never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>The bound of every wait on the page: actions, navigations and expect assertions.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    // What Chromium needs to run headless as root on the build machines (see PLATFORM.md).
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private WebFrontHost? _host;

    public WebFrontHost Host => _host ?? throw new InvalidOperationException("The web front is not running.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not running.");

    /// <summary>The origin of the test server, such as http://127.0.0.1:41234.</summary>
    public string Origin => Host.BaseAddress.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync()
    {
        var chromium = FindChromium();
        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);

        _host = new WebFrontHost(await TestDatabases.CreateAsync(StorageProvider.Sqlite));
        try
        {
            await _host.StartAsync();
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = (float)TimeSpan.FromSeconds(60).TotalMilliseconds,
            });
        }
        catch
        {
            // Leave no server or driver running when the start fails, whether or not xunit disposes us.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A new, empty browser profile (no cookies, no storage) with the fixture's timeouts.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Origin,
            Locale = "fi-FI",
            TimezoneId = "Europe/Helsinki",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        return context;
    }

    public async Task DisposeAsync()
    {
        // Safe to call twice: after a failed start and again by xunit.
        if (_browser is { } browser)
        {
            _browser = null;
            await browser.CloseAsync();
        }

        _playwright?.Dispose();
        _playwright = null;
        if (_host is { } host)
        {
            _host = null;
            await host.DisposeAsync();
            await TestDatabases.DropAsync(host.Storage);
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    // Debian's chromium package, found as `command -v chromium` would. Never Playwright's download.
    private static string FindChromium()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin"))
        {
            var candidate = Path.Combine(folder, "chromium");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "The browser tests need Debian's Chromium, and no `chromium` was found on PATH or in /usr/bin. "
            + "Install it with `apt-get install -y chromium` (scripts/test.sh does so); "
            + "Playwright's own browser download is not used.");
    }
}
