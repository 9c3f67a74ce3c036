using Nettiturvakoti.Relay;

namespace Nettiturvakoti.Relay;

/// <summary>
/// The web-front relays a grain sends its events to. Subscriptions expire unless renewed, so a
/// web front that died is dropped within <see cref="RelayLease.Duration"/>. The members are kept in
/// grain state by the owner, so that a grain reactivated on another silo keeps sending events at once.
/// </summary>
internal sealed class RelaySet(TimeProvider time)
{
    private readonly Dictionary<IChatRelay, DateTimeOffset> _expiries = [];

    /// <summary>Restores members loaded from state, each with a fresh lease.</summary>
    public void Restore(IEnumerable<IChatRelay> relays)
    {
        var until = time.GetUtcNow() + RelayLease.Duration;
        foreach (var relay in relays)
        {
            _expiries[relay] = until;
        }
    }

    /// <summary>Adds or renews a member; true when the set of members changed.</summary>
    public bool Subscribe(IChatRelay relay)
    {
        var added = !_expiries.ContainsKey(relay);
        _expiries[relay] = time.GetUtcNow() + RelayLease.Duration;
        return added | DropExpired();
    }

    /// <summary>Removes a member; true when it was there.</summary>
    public bool Unsubscribe(IChatRelay relay) => _expiries.Remove(relay) | DropExpired();

    /// <summary>The members whose lease has not run out.</summary>
    public IReadOnlyCollection<IChatRelay> Current
    {
        get
        {
            DropExpired();
            return _expiries.Keys;
        }
    }

    /// <summary>The members, for storing in grain state.</summary>
    public List<IChatRelay> ToList() => [.. _expiries.Keys];

    private bool DropExpired()
    {
        var now = time.GetUtcNow();
        var removed = false;
        foreach (var (relay, until) in _expiries)
        {
            if (until <= now)
            {
                removed |= _expiries.Remove(relay);
            }
        }

        return removed;
    }
}
