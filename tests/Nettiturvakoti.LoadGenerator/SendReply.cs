namespace Nettiturvakoti.LoadGenerator;

/// <summary>The answer to Send. Only the fields the benchmark reads (docs/protocol.md).</summary>
public sealed record SendReply(long Sequence, bool Duplicate);
