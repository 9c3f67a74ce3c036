namespace Nettiturvakoti.Queues;

/// <summary>
/// One change to a queue: a seeker joined or left, or its status changed. A receiver that holds
/// version <c>Version - 1</c> applies it; any other receiver asks for a fresh <see cref="QueueSnapshot"/>.
/// </summary>
/// <param name="QueueId">The queue.</param>
/// <param name="Version">The queue's version after this change.</param>
/// <param name="Joined">The seeker who joined, if one did.</param>
/// <param name="Left">The seeker who left the list (taken or gone), if one did.</param>
/// <param name="Status">The queue's status after the change.</param>
[GenerateSerializer, Immutable, Alias("ntk.QueueChange")]
public sealed record QueueChange(
    [property: Id(0)] string QueueId,
    [property: Id(1)] long Version,
    [property: Id(2)] WaitingSeeker? Joined,
    [property: Id(3)] WaitingSeeker? Left,
    [property: Id(4)] QueueStatus Status);
