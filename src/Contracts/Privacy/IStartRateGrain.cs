namespace Nettiturvakoti.Privacy;

/// <summary>
/// How often one client address opens chats, keyed by the address's keyed hash (see
/// <see cref="IContactLimitGrain.HashAsync"/>), never the address itself. Kept in memory only.
/// </summary>
public interface IStartRateGrain : IGrainWithStringKey
{
    /// <summary>
    /// Counts one attempt to open a chat; false when the address has opened more than the
    /// allowed number within the window, and this one is refused.
    /// </summary>
    Task<bool> TryStartAsync();
}
