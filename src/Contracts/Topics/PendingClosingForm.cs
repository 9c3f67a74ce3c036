namespace Nettiturvakoti.Topics;

/// <summary>A closing form a counsellor still owes for a chat that ended.</summary>
/// <param name="FormId">Identifies the form to submit; it says nothing of the conversation.</param>
/// <param name="QueueId">The chat the conversation was in.</param>
/// <param name="Month">The month it ended in (yyyy-MM, Helsinki).</param>
[GenerateSerializer, Immutable, Alias("ntk.PendingClosingForm")]
public sealed record PendingClosingForm(
    [property: Id(0)] string FormId,
    [property: Id(1)] string QueueId,
    [property: Id(2)] string Month);
