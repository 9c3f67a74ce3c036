namespace Nettiturvakoti.Statistics;

/// <summary>
/// One chat's statistics for one month, keyed "queueId/yyyy-MM" (see <see cref="StatisticsKeys"/>).
/// Holds counts and coarse histograms only: no ids, no exact times.
/// </summary>
public interface IChatStatisticsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Counts one event. <paramref name="duration"/> is the wait for <see cref="StatisticKind.Answered"/>
    /// and the chat's length for <see cref="StatisticKind.Ended"/>; otherwise ignored.
    /// </summary>
    [OneWay]
    Task RecordAsync(StatisticKind kind, TimeSpan? duration);

    /// <summary>Counts one event with the categories that go with it (see <see cref="MonthlyStatistics.Categories"/>).</summary>
    [OneWay]
    Task RecordCategoriesAsync(StatisticKind kind, IReadOnlyList<string> categories);

    /// <summary>The month's counts so far.</summary>
    Task<MonthlyStatistics> GetAsync();
}
