namespace Nettiturvakoti.Conversations;

/// <summary>
/// One entry of a conversation's timeline. Sequence numbers start at 1 and have no gaps; an
/// entry is stored durably before it is given to anyone.
/// </summary>
[GenerateSerializer, Immutable, Alias("ntk.ChatEntry")]
public sealed record ChatEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] EntryKind Kind,
    [property: Id(2)] Party Author,
    [property: Id(3)] string ClientMessageId,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset At);
