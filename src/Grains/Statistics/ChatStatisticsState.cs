using Nettiturvakoti.Statistics;

namespace Nettiturvakoti.Statistics;

/// <summary>A month's counts for one chat.</summary>
[GenerateSerializer, Alias("ntk.ChatStatisticsState")]
public sealed class ChatStatisticsState
{
    [Id(0)]
    public Dictionary<StatisticKind, int> Counts { get; set; } = [];

    [Id(1)]
    public SortedDictionary<int, int> WaitSeconds { get; set; } = [];

    [Id(2)]
    public SortedDictionary<int, int> LengthMinutes { get; set; } = [];

    [Id(3)]
    public Dictionary<string, int> Categories { get; set; } = [];
}
