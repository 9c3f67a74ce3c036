namespace Nettiturvakoti.Statistics;

/// <summary>One chat's counts for one month (Helsinki time).</summary>
/// <param name="QueueId">The chat.</param>
/// <param name="Month">The month, as yyyy-MM.</param>
/// <param name="Counts">How many of each event.</param>
/// <param name="WaitSeconds">Waits of answered seekers: bucket start (seconds) to how many.</param>
/// <param name="LengthMinutes">Lengths of answered chats: bucket start (minutes) to how many.</param>
/// <param name="Categories">
/// Counts by category: closing-form answers ("form:{optionId}"), decline reasons
/// ("decline:{reason}") and reporting notice kinds ("notice:{kind}").
/// </param>
[GenerateSerializer, Immutable, Alias("ntk.MonthlyStatistics")]
public sealed record MonthlyStatistics(
    [property: Id(0)] string QueueId,
    [property: Id(1)] string Month,
    [property: Id(2)] IReadOnlyDictionary<StatisticKind, int> Counts,
    [property: Id(3)] IReadOnlyDictionary<int, int> WaitSeconds,
    [property: Id(4)] IReadOnlyDictionary<int, int> LengthMinutes,
    [property: Id(5)] IReadOnlyDictionary<string, int> Categories);
