namespace Nettiturvakoti.Topics;

/// <summary>
/// What a counsellor records after a chat. Option ids only: no conversation, no seeker, no
/// address, no free text, no time; it feeds the month's statistics and nothing else.
/// </summary>
/// <param name="SeekerRole">Who the seeker is (one option id).</param>
/// <param name="ViolenceForms">The forms of violence (option ids).</param>
/// <param name="Relationships">The relationships (option ids).</param>
/// <param name="Discussed">What was discussed (option ids).</param>
[GenerateSerializer, Immutable, Alias("ntk.ClosingForm")]
public sealed record ClosingForm(
    [property: Id(0)] string SeekerRole,
    [property: Id(1)] IReadOnlyList<string> ViolenceForms,
    [property: Id(2)] IReadOnlyList<string> Relationships,
    [property: Id(3)] IReadOnlyList<string> Discussed);
