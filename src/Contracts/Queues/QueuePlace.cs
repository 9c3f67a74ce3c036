namespace Nettiturvakoti.Queues;

/// <summary>Where one seeker stands in a queue at one version of its list.</summary>
/// <param name="QueueId">The queue.</param>
/// <param name="Version">The version of the list the place was read at.</param>
/// <param name="Ticket">The seeker's ticket.</param>
/// <param name="Position">1 for the next seeker to be taken.</param>
/// <param name="Waiting">How many seekers wait in all.</param>
[GenerateSerializer, Immutable, Alias("ntk.QueuePlace")]
public sealed record QueuePlace(
    [property: Id(0)] string QueueId,
    [property: Id(1)] long Version,
    [property: Id(2)] long Ticket,
    [property: Id(3)] int Position,
    [property: Id(4)] int Waiting);
