namespace Nettiturvakoti.Conversations;

/// <summary>A conversation as one participant may see it.</summary>
/// <param name="Id">The conversation id.</param>
/// <param name="QueueId">The chat (queue) it belongs to.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="CounsellorName">The chat name of the counsellor, once one has joined.</param>
/// <param name="LastSequence">The sequence number of the newest entry (0 when none).</param>
/// <param name="StartedAt">When the seeker opened it.</param>
/// <param name="SeekerAddress">
/// The seeker's IP address: filled in only for the assigned counsellor and only while the chat lasts.
/// </param>
/// <param name="Language">The language of the seeker's page.</param>
/// <param name="TimeLimitEndsAt">When the counsellor's time limit ends the chat, if one is set.</param>
[GenerateSerializer, Immutable, Alias("ntk.ConversationView")]
public sealed record ConversationView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string QueueId,
    [property: Id(2)] ConversationStatus Status,
    [property: Id(3)] string? CounsellorName,
    [property: Id(4)] long LastSequence,
    [property: Id(5)] DateTimeOffset StartedAt,
    [property: Id(6)] string? SeekerAddress,
    [property: Id(7)] string Language,
    [property: Id(8)] DateTimeOffset? TimeLimitEndsAt = null);
