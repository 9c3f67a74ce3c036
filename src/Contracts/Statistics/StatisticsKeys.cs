using Nettiturvakoti.Queues;

namespace Nettiturvakoti.Statistics;

/// <summary>Which statistics grain an event belongs to.</summary>
public static class StatisticsKeys
{
    /// <summary>The key of <paramref name="queueId"/>'s statistics for the Helsinki month of <paramref name="at"/>.</summary>
    public static string For(string queueId, DateTimeOffset at) =>
        $"{queueId}/{ChatSchedule.DateAt(at):yyyy-MM}";
}
