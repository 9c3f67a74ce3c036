namespace Nettiturvakoti.LoadGenerator;

/// <summary>The answer to Take: the conversation taken. Only the fields the benchmark reads (docs/protocol.md).</summary>
public sealed record JoinedChatReply(ConversationReply Conversation);
