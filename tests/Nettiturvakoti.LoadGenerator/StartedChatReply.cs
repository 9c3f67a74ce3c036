namespace Nettiturvakoti.LoadGenerator;

/// <summary>The answer to StartChat: the new conversation and the seeker's secret for Resume. Only the fields the benchmark reads (docs/protocol.md).</summary>
public sealed record StartedChatReply(Guid ConversationId, string Secret);
