namespace Nettiturvakoti.Conversations;

/// <summary>The result of a send: the stored entry, and whether it had been stored before.</summary>
/// <param name="Entry">The entry as stored, with its sequence number.</param>
/// <param name="Duplicate">True when this client message id had already been stored.</param>
[GenerateSerializer, Immutable, Alias("ntk.SendOutcome")]
public sealed record SendOutcome(
    [property: Id(0)] ChatEntry Entry,
    [property: Id(1)] bool Duplicate);
