namespace Nettiturvakoti.Privacy;

/// <summary>
/// The monthly purge of all IP data, one for the whole cluster (key 0), driven by an Orleans
/// reminder. It deletes every stored seeker address and replaces the key behind contact-limit
/// hashes. Running it twice for the same month does nothing more; a purge missed while the
/// service was down runs as soon as it is back.
/// </summary>
public interface IPrivacyPurgeGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder and runs the purge now if one is due and has not run.</summary>
    Task EnsureScheduledAsync();

    /// <summary>Runs the purge if the latest purge moment has passed without one; returns the run, or null.</summary>
    Task<PurgeRecord?> RunIfDueAsync();

    /// <summary>The past runs, newest first (at most 24), and when the next is due.</summary>
    Task<PurgeHistory> GetHistoryAsync();
}
