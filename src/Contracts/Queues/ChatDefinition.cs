namespace Nettiturvakoti.Queues;

/// <summary>A chat (queue) seekers can pick.</summary>
/// <param name="Id">A short, stable id such as <c>fi</c>.</param>
/// <param name="Names">The chat's name by language code (fi, sv, en).</param>
/// <param name="Languages">The languages the chat is held in.</param>
/// <param name="RequiresQualification">
/// Whether a counsellor must be named as serving this chat to take its seekers.
/// </param>
[GenerateSerializer, Immutable, Alias("ntk.ChatDefinition")]
public sealed record ChatDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyDictionary<string, string> Names,
    [property: Id(2)] IReadOnlyList<string> Languages,
    [property: Id(3)] bool RequiresQualification);
