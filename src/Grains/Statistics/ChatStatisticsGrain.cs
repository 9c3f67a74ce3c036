namespace Nettiturvakoti.Statistics;

internal sealed class ChatStatisticsGrain(
    [PersistentState("statistics", StorageNames.Chat)] IPersistentState<ChatStatisticsState> state)
    : Grain, IChatStatisticsGrain
{
    // Waits are kept in 15-second buckets up to four hours, lengths in whole minutes up to a day:
    // enough for medians and percentiles, too coarse to point to any one chat.
    private const int WaitBucketSeconds = 15;
    private const int MaxWaitSeconds = 4 * 60 * 60;
    private const int MaxLengthMinutes = 24 * 60;

    public async Task RecordAsync(StatisticKind kind, TimeSpan? duration)
    {
        state.State.Counts[kind] = state.State.Counts.GetValueOrDefault(kind) + 1;
        if (kind == StatisticKind.Answered && duration is { } wait)
        {
            var seconds = (int)Math.Clamp(wait.TotalSeconds, 0, MaxWaitSeconds);
            Increment(state.State.WaitSeconds, seconds / WaitBucketSeconds * WaitBucketSeconds);
        }
        else if (kind == StatisticKind.Ended && duration is { } length)
        {
            Increment(state.State.LengthMinutes, (int)Math.Clamp(length.TotalMinutes, 0, MaxLengthMinutes));
        }

        await state.WriteStateAsync();
    }

    public async Task RecordCategoriesAsync(StatisticKind kind, IReadOnlyList<string> categories)
    {
        state.State.Counts[kind] = state.State.Counts.GetValueOrDefault(kind) + 1;
        foreach (var category in categories.Distinct())
        {
            state.State.Categories[category] = state.State.Categories.GetValueOrDefault(category) + 1;
        }

        await state.WriteStateAsync();
    }

    public Task<MonthlyStatistics> GetAsync()
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.LastIndexOf('/');
        return Task.FromResult(new MonthlyStatistics(
            key[..slash],
            key[(slash + 1)..],
            new Dictionary<StatisticKind, int>(state.State.Counts),
            new Dictionary<int, int>(state.State.WaitSeconds),
            new Dictionary<int, int>(state.State.LengthMinutes),
            new Dictionary<string, int>(state.State.Categories)));
    }

    private static void Increment(SortedDictionary<int, int> histogram, int bucket) =>
        histogram[bucket] = histogram.GetValueOrDefault(bucket) + 1;
}
