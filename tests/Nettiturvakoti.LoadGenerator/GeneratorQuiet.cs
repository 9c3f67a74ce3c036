using System.Runtime;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// Keeps the generator's own collector out of a run. A pause of the generator delays every
/// delivery it is waiting for and shows as latency on whichever path it measures; its collections
/// of the connections it had just opened took 50-130 ms each. A run starts after a full compacting
/// collection, inside a region in which the collector does not run at all as long as the run
/// allocates less than the room reserved for it (the steady scenario's runs allocate about 200 MB).
/// </summary>
public sealed class GeneratorQuiet
{
    private const long Room = 2L * 1024 * 1024 * 1024;

    private readonly long _allocatedBefore = GC.GetTotalAllocatedBytes();
    private readonly int _collectionsBefore = GC.CollectionCount(0);

    private GeneratorQuiet()
    {
    }

    /// <summary>Collects everything, then starts the region.</summary>
    public static GeneratorQuiet Begin()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.TryStartNoGCRegion(Room);
        return new GeneratorQuiet();
    }

    /// <summary>Ends the region; how often the collector ran in it, and what the run allocated.</summary>
    public (int Collections, double AllocatedMb) End()
    {
        var collections = GC.CollectionCount(0) - _collectionsBefore;
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }

        return (collections, (GC.GetTotalAllocatedBytes() - _allocatedBefore) / (1024.0 * 1024.0));
    }
}
