namespace Nettiturvakoti.Queues;

/// <summary>A queue's whole waiting list and status at one version.</summary>
/// <param name="QueueId">The queue.</param>
/// <param name="Version">Grows by one with every change.</param>
/// <param name="Waiting">The waiting seekers, longest-waiting first.</param>
/// <param name="Status">The queue's status.</param>
[GenerateSerializer, Immutable, Alias("ntk.QueueSnapshot")]
public sealed record QueueSnapshot(
    [property: Id(0)] string QueueId,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<WaitingSeeker> Waiting,
    [property: Id(3)] QueueStatus Status);
