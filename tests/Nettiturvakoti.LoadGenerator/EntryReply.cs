namespace Nettiturvakoti.LoadGenerator;

/// <summary>A timeline entry as the "entry" event and ReadAfter carry it; kinds and parties stay strings. Only the fields the benchmark reads (docs/protocol.md).</summary>
public sealed record EntryReply(long Sequence, string Kind, string Author, string ClientMessageId);
