namespace Nettiturvakoti.Queues;

/// <summary>How a queue stands: its hours, whether it is full, and how fast seekers are taken.</summary>
/// <param name="Hours">Open, closing soon or closed, with the times that go with it.</param>
/// <param name="Waiting">How many seekers wait.</param>
/// <param name="Full">Whether the queue is at its cap, so that new seekers are turned away.</param>
/// <param name="SecondsPerSeeker">
/// The recent average time between two seekers being taken, for estimating waits; null until
/// there is enough to go on.
/// </param>
[GenerateSerializer, Immutable, Alias("ntk.QueueStatus")]
public sealed record QueueStatus(
    [property: Id(0)] ChatHoursState Hours,
    [property: Id(1)] int Waiting,
    [property: Id(2)] bool Full,
    [property: Id(3)] double? SecondsPerSeeker);
