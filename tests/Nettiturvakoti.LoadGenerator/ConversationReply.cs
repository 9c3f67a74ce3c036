namespace Nettiturvakoti.LoadGenerator;

/// <summary>A conversation, by its id. Only the fields the benchmark reads (docs/protocol.md).</summary>
public sealed record ConversationReply(Guid Id);
