namespace Nettiturvakoti.Queues;

/// <summary>Where one seeker stands in a queue at one version of it.</summary>
/// <param name="QueueId">The queue.</param>
/// <param name="Version">The version of the queue the place was read at.</param>
/// <param name="Ticket">The seeker's ticket.</param>
/// <param name="Position">1 for the next seeker to be taken.</param>
/// <param name="Status">The queue's status (hours, how many wait, how fast they are taken).</param>
[GenerateSerializer, Immutable, Alias("ntk.QueuePlace")]
public sealed record QueuePlace(
    [property: Id(0)] string QueueId,
    [property: Id(1)] long Version,
    [property: Id(2)] long Ticket,
    [property: Id(3)] int Position,
    [property: Id(4)] QueueStatus Status);
