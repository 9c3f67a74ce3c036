using Nettiturvakoti.Relay;

namespace Nettiturvakoti.WebFront.Relay;

/// <summary>
/// This web front's relay as grains see it: one observer reference for the life of the process.
/// Created on first use, once the silo or the cluster client is up.
/// </summary>
public sealed class RelayEndpoint(IGrainFactory grains, ChatRelay relay)
{
    private readonly Lazy<IChatRelay> _reference = new(() => grains.CreateObjectReference<IChatRelay>(relay));

    /// <summary>The reference grains send this web front's events to.</summary>
    public IChatRelay Reference => _reference.Value;
}
