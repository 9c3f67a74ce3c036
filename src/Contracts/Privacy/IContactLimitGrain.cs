namespace Nettiturvakoti.Privacy;

/// <summary>
/// Contact limits, one grain for the whole cluster (key 0). Seekers are anonymous, so a limit is
/// kept against a keyed hash (HMAC-SHA256) of their IP address under a key only this grain
/// holds. The key is replaced by every monthly purge, so every limit (and every hash made with
/// the old key) stops matching then: no raw address is ever kept here.
/// </summary>
public interface IContactLimitGrain : IGrainWithIntegerKey
{
    /// <summary>Keeps the address from opening chats until <paramref name="until"/> (cut to the next purge).</summary>
    /// <returns>When the limit actually ends.</returns>
    Task<DateTimeOffset> LimitAsync(string address, DateTimeOffset until);

    /// <summary>Whether the address is limited now, and until when.</summary>
    Task<ContactLimitState> CheckAsync(string? address);

    /// <summary>
    /// The keyed hash of an address under the current key, for keeping other per-address counts
    /// (such as rate limits) without the address. Changes with every key replacement.
    /// </summary>
    Task<string> HashAsync(string address);

    /// <summary>When the key is due to be replaced next (the next monthly purge).</summary>
    Task<DateTimeOffset> NextPurgeAsync();

    /// <summary>
    /// Replaces the key and drops every limit. Called by the monthly purge.
    /// </summary>
    /// <returns>How many limits were dropped.</returns>
    Task<int> ReplaceKeyAsync();
}
