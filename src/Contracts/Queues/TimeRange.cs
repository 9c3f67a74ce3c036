namespace Nettiturvakoti.Queues;

/// <summary>Opening hours within one day, in Helsinki wall-clock time.</summary>
/// <param name="Opens">When it opens.</param>
/// <param name="Closes">When it closes; midnight (00:00) means the end of the day.</param>
[GenerateSerializer, Immutable, Alias("ntk.TimeRange")]
public sealed record TimeRange(
    [property: Id(0)] TimeOnly Opens,
    [property: Id(1)] TimeOnly Closes);
