namespace Nettiturvakoti.Queues;

/// <summary>A seeker in a queue.</summary>
/// <param name="ConversationId">The seeker's conversation.</param>
/// <param name="Ticket">Increases with every arrival in the queue: a lower ticket waited longer.</param>
/// <param name="Since">When the seeker joined the queue.</param>
[GenerateSerializer, Immutable, Alias("ntk.WaitingSeeker")]
public sealed record WaitingSeeker(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] long Ticket,
    [property: Id(2)] DateTimeOffset Since);
