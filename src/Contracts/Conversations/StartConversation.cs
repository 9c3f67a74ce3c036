namespace Nettiturvakoti.Conversations;

/// <summary>What the web front knows when a seeker opens a chat.</summary>
/// <param name="QueueId">The chat (queue) the seeker picked.</param>
/// <param name="SeekerSecret">
/// The secret only the seeker's page holds; the grain keeps just its hash.
/// </param>
/// <param name="SeekerAddress">The seeker's IP address, shown to the counsellor while the chat lasts.</param>
/// <param name="Language">The language of the seeker's page (fi, sv, en).</param>
[GenerateSerializer, Immutable, Alias("ntk.StartConversation")]
public sealed record StartConversation(
    [property: Id(0)] string QueueId,
    [property: Id(1)] string SeekerSecret,
    [property: Id(2)] string? SeekerAddress,
    [property: Id(3)] string Language);
