namespace Nettiturvakoti.Queues;

/// <summary>One opening of a chat, as instants.</summary>
/// <param name="Opens">When it opens.</param>
/// <param name="Closes">When it closes.</param>
[GenerateSerializer, Immutable, Alias("ntk.OpeningSession")]
public sealed record OpeningSession(
    [property: Id(0)] DateTimeOffset Opens,
    [property: Id(1)] DateTimeOffset Closes);
