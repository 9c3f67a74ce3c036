using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Nettiturvakoti.Tests.Cluster;

/// <summary>What a process of the cluster runs.</summary>
public enum HostKind
{
    Silo,
    WebFront,
}

/// <summary>
/// One real silo or web-front process: <c>dotnet</c> on the built DLL, configured through its
/// environment, its output kept for the test's log. Killed when disposed, whatever happened.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 400;

    // Processes still running when the test host exits are killed, even if a test forgot one.
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Stopwatch _clock;

    static HostProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Values)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }
        };
    }

    private HostProcess(string name, HostKind kind, Uri baseAddress, Process process, Stopwatch clock)
    {
        Name = name;
        Kind = kind;
        BaseAddress = baseAddress;
        _process = process;
        _clock = clock;
    }

    public string Name { get; }

    public HostKind Kind { get; }

    /// <summary>Where the process serves HTTP (health endpoints; pages and hubs for a web front).</summary>
    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the process wrote, each stamped with the test clock.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Starts <paramref name="dll"/> with <paramref name="environment"/> added to this process's own.</summary>
    public static HostProcess Start(
        string name, HostKind kind, string dll, int httpPort, IReadOnlyDictionary<string, string> environment, Stopwatch clock)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["Urls"] = $"http://127.0.0.1:{httpPort}";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new HostProcess(name, kind, new Uri($"http://127.0.0.1:{httpPort}/"), process, clock);
        process.OutputDataReceived += (_, line) => host.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => host.Keep(line.Data);
        process.Start();
        Running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        host.Keep($"started, pid {process.Id}");
        return host;
    }

    /// <summary>Waits until /health/ready answers 200; fails at once if the process exits.</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var deadline = Stopwatch.StartNew();
        while (await ReadinessAsync() != HttpStatusCode.OK)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {ExitCode} before it was ready.");
            }

            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"{Name} was not ready within {limit.TotalSeconds:0} s.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>What /health/ready answers now; null when nothing answers.</summary>
    public async Task<HttpStatusCode?> ReadinessAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(BaseAddress, "/health/ready"));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>kill -9: the process gets no chance to clean up.</summary>
    public async Task KillAsync()
    {
        Keep("killed (SIGKILL)");
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        Running.TryRemove(_process.Id, out _);
    }

    /// <summary>
    /// SIGTERM, as an orchestrator stops a process, then waits for it to exit; returns how long
    /// that took. Kills it and fails when it does not exit within <paramref name="timeout"/>.
    /// </summary>
    public async Task<TimeSpan> StopAsync(TimeSpan timeout)
    {
        Keep("stopping (SIGTERM)");
        var took = Stopwatch.StartNew();
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await KillAsync();
            throw new TimeoutException($"{Name} did not stop within {timeout.TotalSeconds:0} s of SIGTERM.");
        }

        Running.TryRemove(_process.Id, out _);
        Keep($"exited with code {_process.ExitCode} after {took.Elapsed.TotalSeconds:0.0} s");
        return took.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        Running.TryRemove(_process.Id, out _);
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue($"{_clock.Elapsed.TotalSeconds,7:0.000} {Name}: {line}");
        while (_output.Count > OutputLinesKept && _output.TryDequeue(out _))
        {
        }
    }
}
