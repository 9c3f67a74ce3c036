namespace Nettiturvakoti.Queues;

/// <summary>A chat's regular opening on one weekday, in Helsinki wall-clock time.</summary>
/// <param name="Day">The weekday.</param>
/// <param name="Opens">When it opens.</param>
/// <param name="Closes">When it closes; midnight (00:00) means the end of the day.</param>
[GenerateSerializer, Immutable, Alias("ntk.OpeningPeriod")]
public sealed record OpeningPeriod(
    [property: Id(0)] DayOfWeek Day,
    [property: Id(1)] TimeOnly Opens,
    [property: Id(2)] TimeOnly Closes);
