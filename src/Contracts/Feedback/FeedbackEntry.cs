namespace Nettiturvakoti.Feedback;

/// <summary>
/// A seeker's anonymous feedback: a rating and optional words, with only the chat and the month.
/// No conversation, no address, no exact time.
/// </summary>
/// <param name="QueueId">The chat.</param>
/// <param name="Month">The month (yyyy-MM, Helsinki).</param>
/// <param name="Rating">1 (poor) to 5 (very good).</param>
/// <param name="Comment">What the seeker wrote, at most <see cref="FeedbackRules.MaxCommentLength"/> characters; may be empty.</param>
[GenerateSerializer, Immutable, Alias("ntk.FeedbackEntry")]
public sealed record FeedbackEntry(
    [property: Id(0)] string QueueId,
    [property: Id(1)] string Month,
    [property: Id(2)] int Rating,
    [property: Id(3)] string Comment);
