using Nettiturvakoti.Storage;

namespace Nettiturvakoti.Audit;

[StatelessWorker]
internal sealed class AuditLogGrain(AuditStore store) : Grain, IAuditLogGrain
{
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTimeOffset since, DateTimeOffset until, int limit) =>
        await store.ReadAsync(since, until, Math.Clamp(limit, 1, 1000));
}
