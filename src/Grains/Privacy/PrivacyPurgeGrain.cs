using Microsoft.Extensions.Options;
using Nettiturvakoti.Storage;

namespace Nettiturvakoti.Privacy;

internal sealed partial class PrivacyPurgeGrain(
    [PersistentState("purge", StorageNames.Chat)] IPersistentState<PurgeState> state,
    SeekerAddressStore addresses,
    IOptions<PrivacyOptions> options,
    TimeProvider time,
    ILogger<PrivacyPurgeGrain> logger) : Grain, IPrivacyPurgeGrain, IRemindable
{
    private const string ReminderName = "monthly-purge";
    private const int RunsKept = 24;

    // The reminder checks four times an hour whether a purge moment has passed; the purge
    // itself runs once per moment, however many checks there are.
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(15);

    public async Task EnsureScheduledAsync()
    {
        await this.RegisterOrUpdateReminder(ReminderName, CheckEvery, CheckEvery);
        await RunIfDueAsync();
    }

    public async Task<PurgeRecord?> RunIfDueAsync()
    {
        var now = time.GetUtcNow();
        var due = options.Value.LastPurgeAtOrBefore(now);
        if (state.State.LastDueAt >= due)
        {
            return null;
        }

        var addressesDeleted = await addresses.DeleteAllAsync();
        var limitsDropped = await GrainFactory.GetGrain<IContactLimitGrain>(0).ReplaceKeyAsync();
        var run = new PurgeRecord(now, due, addressesDeleted, limitsDropped);
        state.State.Runs.Insert(0, run);
        if (state.State.Runs.Count > RunsKept)
        {
            state.State.Runs.RemoveRange(RunsKept, state.State.Runs.Count - RunsKept);
        }

        state.State.LastDueAt = due;
        await state.WriteStateAsync();
        LogPurged(logger, addressesDeleted, limitsDropped);
        return run;
    }

    public Task<PurgeHistory> GetHistoryAsync() =>
        Task.FromResult(new PurgeHistory([.. state.State.Runs], options.Value.NextPurgeAfter(time.GetUtcNow())));

    public Task ReceiveReminder(string reminderName, TickStatus status) => RunIfDueAsync();

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information,
        Message = "Monthly purge: deleted {Addresses} stored addresses, ended {Limits} contact limits")]
    private static partial void LogPurged(ILogger logger, int addresses, int limits);
}
