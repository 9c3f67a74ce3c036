using System.Globalization;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// The web front's collector as its Prometheus endpoint reports it (the runtime's own meter):
/// the time its threads stood paused, the collections by generation, what was allocated, and how
/// much the middle generation held after the latest collection.
/// </summary>
public sealed record ServerGc(double PauseMs, long Gen0, long Gen1, long Gen2, double AllocatedMb, double Gen1SizeMb = 0)
{
    /// <summary>The collections of any generation.</summary>
    public long Collections => Gen0 + Gen1 + Gen2;

    /// <summary>Reads the figures out of the endpoint's text; throws when one is missing.</summary>
    public static ServerGc Parse(string metrics)
    {
        double? pause = null, allocated = null, gen1Size = null;
        var generations = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith("dotnet_gc_pause_time_seconds_total", StringComparison.Ordinal))
            {
                pause = ValueOf(line) * 1000;
            }
            else if (line.StartsWith("dotnet_gc_heap_total_allocated_bytes_total", StringComparison.Ordinal))
            {
                allocated = ValueOf(line) / (1024 * 1024);
            }
            else if (line.StartsWith("dotnet_gc_last_collection_heap_size_bytes{", StringComparison.Ordinal)
                && Label(line, "gc_heap_generation") == "gen1")
            {
                gen1Size = ValueOf(line) / (1024 * 1024);
            }
            else if (line.StartsWith("dotnet_gc_collections_total{", StringComparison.Ordinal)
                && Label(line, "gc_heap_generation") is { } generation)
            {
                generations[generation] = (long)ValueOf(line);
            }
        }

        if (pause is null || allocated is null || gen1Size is null || generations.Count < 3)
        {
            throw new InvalidOperationException("The web front's /metrics carried no collector figures.");
        }

        return new ServerGc(
            pause.Value, generations.GetValueOrDefault("gen0"), generations.GetValueOrDefault("gen1"),
            generations.GetValueOrDefault("gen2"), allocated.Value, gen1Size.Value);
    }

    /// <summary>What happened between <paramref name="earlier"/> and this reading.</summary>
    public ServerGc Since(ServerGc earlier) => new(
        PauseMs - earlier.PauseMs, Gen0 - earlier.Gen0, Gen1 - earlier.Gen1, Gen2 - earlier.Gen2,
        AllocatedMb - earlier.AllocatedMb, Gen1SizeMb);

    private static double ValueOf(string line) =>
        double.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);

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
