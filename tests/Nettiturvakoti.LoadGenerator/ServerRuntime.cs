using System.Globalization;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// The web front's runtime as its Prometheus endpoint reports it (the runtime's own meter and the
/// service's commit timer): the time its threads stood paused for the collector, the collections by
/// generation, what was allocated, what the compiler did, the thread pool's work, and the group
/// commits. Read twice, the difference is what happened in between.
/// </summary>
public sealed record ServerRuntime
{
    public double GcPauseMs { get; init; }

    public long Gen0 { get; init; }

    public long Gen1 { get; init; }

    public long Gen2 { get; init; }

    /// <summary>Collections of any generation.</summary>
    public long Collections => Gen0 + Gen1 + Gen2;

    public double AllocatedMb { get; init; }

    /// <summary>What the middle generation held after the latest collection (not a difference).</summary>
    public double Gen1SizeMb { get; init; }

    public long JitMethods { get; init; }

    public double JitMs { get; init; }

    public long WorkItems { get; init; }

    public long LockContentions { get; init; }

    /// <summary>Thread-pool threads at the latest reading (not a difference).</summary>
    public long PoolThreads { get; init; }

    public long Commits { get; init; }

    /// <summary>Group commits that took over 10 ms.</summary>
    public long CommitsOver10Ms { get; init; }

    /// <summary>Group commits that took over 25 ms.</summary>
    public long CommitsOver25Ms { get; init; }

    /// <summary>Reads the figures out of the endpoint's text; throws when the collector's are missing.</summary>
    public static ServerRuntime Parse(string metrics)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in metrics.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#' || line.LastIndexOf(' ') is var space && space < 0)
            {
                continue;
            }

            var name = line[..line.IndexOfAny([' ', '{'])];
            var key = (Label(line, "gc_heap_generation") ?? Label(line, "le")) is { } label ? $"{name}:{label}" : name;
            values[key] = double.Parse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        double Get(string key) => values.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"The web front's /metrics has no {key}.");
        double Optional(string key) => values.GetValueOrDefault(key);

        return new ServerRuntime
        {
            GcPauseMs = Get("dotnet_gc_pause_time_seconds_total") * 1000,
            Gen0 = (long)Get("dotnet_gc_collections_total:gen0"),
            Gen1 = (long)Get("dotnet_gc_collections_total:gen1"),
            Gen2 = (long)Get("dotnet_gc_collections_total:gen2"),
            AllocatedMb = Get("dotnet_gc_heap_total_allocated_bytes_total") / (1024 * 1024),
            Gen1SizeMb = Get("dotnet_gc_last_collection_heap_size_bytes:gen1") / (1024 * 1024),
            JitMethods = (long)Optional("dotnet_jit_compiled_methods_total"),
            JitMs = Optional("dotnet_jit_compilation_time_seconds_total") * 1000,
            WorkItems = (long)Optional("dotnet_thread_pool_work_item_count_total"),
            LockContentions = (long)Optional("dotnet_monitor_lock_contentions_total"),
            PoolThreads = (long)Optional("dotnet_thread_pool_thread_count"),
            Commits = (long)Optional("ntk_storage_commit_seconds_count"),
            CommitsOver10Ms = (long)(Optional("ntk_storage_commit_seconds_count") - Optional("ntk_storage_commit_seconds_bucket:0.01")),
            CommitsOver25Ms = (long)(Optional("ntk_storage_commit_seconds_count") - Optional("ntk_storage_commit_seconds_bucket:0.025")),
        };
    }

    /// <summary>What happened between <paramref name="earlier"/> and this reading.</summary>
    public ServerRuntime Since(ServerRuntime earlier) => this with
    {
        GcPauseMs = GcPauseMs - earlier.GcPauseMs,
        Gen0 = Gen0 - earlier.Gen0,
        Gen1 = Gen1 - earlier.Gen1,
        Gen2 = Gen2 - earlier.Gen2,
        AllocatedMb = AllocatedMb - earlier.AllocatedMb,
        JitMethods = JitMethods - earlier.JitMethods,
        JitMs = JitMs - earlier.JitMs,
        WorkItems = WorkItems - earlier.WorkItems,
        LockContentions = LockContentions - earlier.LockContentions,
        Commits = Commits - earlier.Commits,
        CommitsOver10Ms = CommitsOver10Ms - earlier.CommitsOver10Ms,
        CommitsOver25Ms = CommitsOver25Ms - earlier.CommitsOver25Ms,
    };

    private static string? Label(string line, string name)
    {
        var at = line.IndexOf(name + "=\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + name.Length + 2;
        return line[start..line.IndexOf('"', start)];
    }
}
