using Nettiturvakoti.Audit;
using Nettiturvakoti.Privacy;

namespace Nettiturvakoti.WebFront.Pages.Supervisor;

public sealed class AuditModel(IGrainFactory grains, TimeProvider time) : SupervisorPageModel(grains)
{
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public PurgeHistory? Purge { get; private set; }

    public async Task OnGetAsync()
    {
        var now = time.GetUtcNow();
        Entries = await Grains.GetGrain<IAuditLogGrain>(0).ReadAsync(now.AddDays(-30), now.AddMinutes(1), 1000);
        Purge = await Grains.GetGrain<IPrivacyPurgeGrain>(0).GetHistoryAsync();
    }
}
