namespace Nettiturvakoti.Relay;

/// <summary>How long a relay subscription lasts without renewal, and how often relays renew.</summary>
public static class RelayLease
{
    /// <summary>A subscription not renewed for this long is dropped.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(3);

    /// <summary>How often a web front renews the subscriptions it still needs.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);
}
