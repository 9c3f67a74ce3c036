using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Diagnostics.NETCore.Client;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// The real web front (with its silo inside) as a process of its own, on free loopback ports, so
/// that its memory and CPU time can be read apart from the generator's. Its output goes to a log
/// file in the database's folder.
/// </summary>
public sealed partial class WebFrontProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CollectTimeout = TimeSpan.FromSeconds(30);

    // The runtime provider's keyword with which a diagnostics session asks for a full, blocking
    // collection (as heap-dump tools do).
    private const long GcHeapCollectKeyword = 0x800000;

    private readonly Process _process;
    private readonly Task _copyOut;
    private readonly Task _copyErr;
    private readonly StreamWriter _log;
    private readonly HttpClient _http;
    private readonly ConcurrentQueue<(long At, int Milliseconds)> _slowCommits = new();
    private bool _exitedEarly;

    private WebFrontProcess(Process process, StreamWriter log, Uri url, int gatewayPort, string clusterId, string logPath, MemoryCgroup? cgroup)
    {
        _process = process;
        Cgroup = cgroup;
        _log = log;
        Url = url;
        GatewayPort = gatewayPort;
        ClusterId = clusterId;
        LogPath = logPath;
        Meter = new ProcessMeter(process.Id);
        _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        _copyOut = CopyAsync(process.StandardOutput);
        _copyErr = CopyAsync(process.StandardError);
    }

    /// <summary>The service id every benchmark host uses.</summary>
    public const string ServiceId = "nettiturvakoti-bench";

    /// <summary>Where the web front listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Url { get; }

    /// <summary>The port of the silo's client gateway.</summary>
    public int GatewayPort { get; }

    /// <summary>This run's cluster id.</summary>
    public string ClusterId { get; }

    /// <summary>The web front's output.</summary>
    public string LogPath { get; }

    /// <summary>The supervisor password set at start (the benchmark does not use it further).</summary>
    public static string SupervisorPassword { get; } = "bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    /// <summary>Its memory and CPU.</summary>
    public ProcessMeter Meter { get; }

    /// <summary>
    /// The group commits the web front logged as slow (50 ms or more) since
    /// <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp): how long each took, in ms.
    /// </summary>
    public IReadOnlyList<int> SlowCommitsSince(long since) =>
        [.. _slowCommits.Where(commit => commit.At >= since).Select(commit => commit.Milliseconds)];

    /// <summary>The memory cgroup it runs in, when it was started with a memory limit.</summary>
    public MemoryCgroup? Cgroup { get; }

    /// <summary>
    /// Starts the web front on <paramref name="database"/>, with <paramref name="extra"/> settings
    /// besides the benchmark's own, and waits until it reports ready. With a
    /// <paramref name="memoryLimitMb"/> it runs in a memory cgroup of that size, as in a container.
    /// </summary>
    public static async Task<WebFrontProcess> StartAsync(
        string webFrontDll, BenchmarkDatabase database, int? memoryLimitMb, IReadOnlyDictionary<string, string>? extra = null)
    {
        var port = FreePort();
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var url = new Uri($"http://127.0.0.1:{port}/");

        var cgroup = memoryLimitMb is { } limit ? MemoryCgroup.Create(limit) : null;
        var start = new ProcessStartInfo(cgroup is null ? "dotnet" : "/bin/sh")
        {
            WorkingDirectory = database.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (cgroup is not null)
        {
            // The shell joins the group and then becomes the web front, which so starts inside it
            // (the runtime reads its limit at start) and keeps the shell's process id.
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("echo $$ > \"$0\" && exec dotnet \"$1\"");
            start.ArgumentList.Add(cgroup.ProcsFile);
        }

        start.ArgumentList.Add(webFrontDll);
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["WebFront__BaselineHub"] = "true",
            ["WebFront__SecureCookies"] = "false",
            ["WebFront__CallsPerSecond"] = "1000000",
            ["WebFront__CallBurst"] = "1000000",
            ["Chat__StartsPerWindow"] = "100000000",
            ["Bootstrap__SupervisorPassword"] = SupervisorPassword,
            ["Cluster__SiloPort"] = siloPort.ToString(),
            ["Cluster__GatewayPort"] = gatewayPort.ToString(),
            ["Cluster__ClusterId"] = clusterId,
            ["Cluster__ServiceId"] = ServiceId,
        };
        foreach (var (name, value) in settings.Concat(database.Settings()).Concat(extra ?? new Dictionary<string, string>()).Concat(PassedThrough()))
        {
            start.Environment[name] = value;
        }

        var logPath = Path.Combine(database.Folder, "web-front.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The web front did not start.");
        var webFront = new WebFrontProcess(process, log, url, gatewayPort, clusterId, logPath, cgroup);
        Console.WriteLine($"  web front: process {process.Id}, {url}, log {logPath}" +
            (cgroup is null ? "" : $"; in a memory cgroup limited to {cgroup.LimitMb} MB"));
        try
        {
            await webFront.WaitReadyAsync();
        }
        catch
        {
            await webFront.DisposeAsync();
            throw;
        }

        return webFront;
    }

    /// <summary>Its collector's figures so far, from its metrics endpoint.</summary>
    public async Task<ServerRuntime> ReadRuntimeAsync() =>
        ServerRuntime.Parse(await _http.GetStringAsync(new Uri("metrics", UriKind.Relative)));

    /// <summary>
    /// Has the web front's runtime make full, blocking collections, through a diagnostics session
    /// as heap-dump tools do, until its young generations are nearly empty. A path's set-up makes
    /// thousands of young objects at once (each connection's state, each conversation's grain),
    /// which the web front's first older-generation collection would otherwise copy during the run,
    /// a pause of 100-130 ms; a service whose connections arrive over hours never has them all at
    /// once. A full collection moves what survives one generation up, so it may take two.
    /// </summary>
    public async Task CollectGarbageAsync()
    {
        const double SettledGen1Mb = 4;
        for (var round = 0; round < 3; round++)
        {
            if ((await CollectOnceAsync()).Gen1SizeMb < SettledGen1Mb)
            {
                return;
            }
        }
    }

    private async Task<ServerRuntime> CollectOnceAsync()
    {
        var before = await ReadRuntimeAsync();
        var client = new DiagnosticsClient(_process.Id);
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcHeapCollectKeyword);
        using var session = await client.StartEventPipeSessionAsync(
            [provider], requestRundown: false, circularBufferMB: 16, CancellationToken.None);
        var drain = session.EventStream.CopyToAsync(Stream.Null);
        var waited = Stopwatch.StartNew();
        ServerRuntime after;
        while ((after = await ReadRuntimeAsync()).Gen2 == before.Gen2)
        {
            if (waited.Elapsed > CollectTimeout)
            {
                throw new TimeoutException($"The web front made no full collection within {CollectTimeout.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }

        await session.StopAsync(CancellationToken.None);
        await drain;
        return after;
    }

    // NTK_BENCH_SERVER_X=v in the generator's environment sets X=v for the web front, for
    // experiments and profiling (for example NTK_BENCH_SERVER_DOTNET_PerfMapEnabled=1).
    private static IEnumerable<KeyValuePair<string, string>> PassedThrough()
    {
        const string Prefix = "NTK_BENCH_SERVER_";
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith(Prefix, StringComparison.Ordinal) && variable.Value is string value)
            {
                yield return new(name[Prefix.Length..], value);
            }
        }
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The web front exited with {_process.ExitCode}; see {LogPath}.");
            }

            try
            {
                using var answer = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The web front was not ready within {ReadyTimeout.TotalSeconds} s; see {LogPath}.");
    }

    private async Task CopyAsync(StreamReader from)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            if (SlowCommit().Match(line) is { Success: true } slow)
            {
                _slowCommits.Enqueue((Stopwatch.GetTimestamp(), int.Parse(slow.Groups[1].Value, CultureInfo.InvariantCulture)));
            }

            lock (_log)
            {
                _log.WriteLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Meter.DisposeAsync();
        _exitedEarly = _process.HasExited;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await Task.WhenAll(_copyOut, _copyErr);
        var exitCode = _process.ExitCode;
        Cgroup?.Dispose();
        _process.Dispose();
        await _log.DisposeAsync();

        // The database folder goes away with the run; the log is kept for reading afterwards.
        var kept = Path.Combine(Path.GetFullPath(Path.Combine("artifacts", "benchmarks", "logs")), ClusterId + ".log");
        Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
        File.Copy(LogPath, kept, overwrite: true);
        if (_exitedEarly)
        {
            Console.WriteLine($"  the web front had exited by itself (code {exitCode}); its log: {kept}");
        }
    }

    // The web front's log line for a slow group commit (WriteBatcher).
    [GeneratedRegex(@"A group commit of \d+ writes took (\d+) ms")]
    private static partial Regex SlowCommit();
}
