using Nettiturvakoti.Relay;

namespace Nettiturvakoti.WebFront.Relay;

/// <summary>
/// This web front's relay as grains see it: one observer reference for the life of the process.
/// Created on first use, once the silo or the cluster client is up. With a silo in the same process,
/// the reference is also registered with its <see cref="LocalRelays"/>, so that conversations
/// activated there call the relay directly.
/// </summary>
public sealed class RelayEndpoint(IGrainFactory grains, ChatRelay relay, IServiceProvider services)
{
    private readonly Lazy<IChatRelay> _reference = new(() =>
    {
        var reference = grains.CreateObjectReference<IChatRelay>(relay);
        services.GetService<LocalRelays>()?.Add(reference, relay);
        return reference;
    });

    /// <summary>The reference grains send this web front's events to.</summary>
    public IChatRelay Reference => _reference.Value;
}
