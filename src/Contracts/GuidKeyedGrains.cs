using Orleans.Runtime;

namespace Nettiturvakoti;

/// <summary>
/// References to the grains of one Guid-keyed interface, for paths that look one up on every
/// message. <see cref="IGrainFactory.GetGrain{TGrainInterface}(Guid, string)"/> works out the
/// interface's and the grain class's Orleans names from the CLR type on every call, by reflection
/// and string formatting; this works them out once, from the first reference, and then only
/// builds the grain id.
/// </summary>
public sealed class GuidKeyedGrains<TGrain>(IGrainFactory grains)
    where TGrain : IGrainWithGuidKey
{
    // A reference, so that it is published whole to other threads.
    private Names? _names;

    /// <summary>The grain with <paramref name="key"/>: the same reference GetGrain would give.</summary>
    public TGrain Get(Guid key)
    {
        var names = _names;
        if (names is null)
        {
            // Resolved on first use, once the factory knows the grain classes; racing callers
            // compute the same pair.
            var first = (GrainReference)(object)grains.GetGrain<TGrain>(key);
            _names = new Names(first.GrainId.Type, first.InterfaceType);
            return (TGrain)(object)first;
        }

        var id = GrainId.Create(names.Type, GrainIdKeyExtensions.CreateGuidKey(key));
        return (TGrain)grains.GetGrain(id, names.Interface);
    }

    private sealed record Names(GrainType Type, GrainInterfaceType Interface);
}
