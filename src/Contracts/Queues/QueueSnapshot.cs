namespace Nettiturvakoti.Queues;

/// <summary>A queue's whole waiting list at one version.</summary>
/// <param name="QueueId">The queue.</param>
/// <param name="Version">Grows by one with every change to the list.</param>
/// <param name="Waiting">The waiting seekers, longest-waiting first.</param>
[GenerateSerializer, Immutable, Alias("ntk.QueueSnapshot")]
public sealed record QueueSnapshot(
    [property: Id(0)] string QueueId,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<WaitingSeeker> Waiting);
