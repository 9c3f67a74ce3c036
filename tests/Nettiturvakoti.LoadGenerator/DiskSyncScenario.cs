using System.Diagnostics;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// How long this machine's disk takes to make a small write durable, which every group commit of
/// the chat path waits for once (SQLite syncs its log; PostgreSQL its WAL). Small appends, each
/// synced to disk, a few milliseconds apart, on the file system the benchmark's databases use. The
/// relay waits for no disk, so a slow sync shows in the chat path's tail and nowhere else.
/// </summary>
public static class DiskSyncScenario
{
    private const int WriteBytes = 8192;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(5);

    /// <summary>The sync latencies over <paramref name="seconds"/> seconds.</summary>
    public static async Task<ScenarioResult> RunAsync(double seconds)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ntk-bench", Guid.NewGuid().ToString("N"))).FullName;
        var latencies = new List<double>();
        try
        {
            await using var file = new FileStream(Path.Combine(folder, "sync.bin"), FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            var block = new byte[WriteBytes];
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                file.Write(block);
                var started = Stopwatch.GetTimestamp();
                file.Flush(flushToDisk: true);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                await Task.Delay(Pause);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var stats = LatencyStats.From(latencies);
        var slow = latencies.Count(ms => ms > 50);
        Console.WriteLine($"  {stats.Count} syncs of {WriteBytes / 1024} KB appends in {seconds:F0} s: p50 {stats.P50:F2} ms, p99 {stats.P99:F2} ms, " +
            $"p99.9 {stats.P999:F1} ms, max {stats.Max:F0} ms; {slow} took over 50 ms");
        return new ScenarioResult
        {
            Scenario = "disk-sync",
            Backend = "disk",
            DurationS = seconds,
            Sent = stats.Count,
            P50Ms = stats.P50,
            P99Ms = stats.P99,
            P999Ms = stats.P999,
            MaxMs = stats.Max,
            MeanMs = stats.Mean,
            SyncsOver50Ms = slow,
        };
    }
}
