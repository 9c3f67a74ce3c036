namespace Nettiturvakoti.Audit;

/// <summary>Reads the audit log for supervisors (key 0; runs wherever it is called).</summary>
public interface IAuditLogGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Entries from <paramref name="since"/> (inclusive) to <paramref name="until"/> (exclusive),
    /// newest first, at most <paramref name="limit"/> (1 to 1000).
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTimeOffset since, DateTimeOffset until, int limit);
}
