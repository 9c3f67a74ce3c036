namespace Nettiturvakoti.Queues;

/// <summary>A chat (queue) seekers can pick, with its hours and rules.</summary>
/// <param name="Id">A short, stable id such as <c>fi</c>: 1 to 32 lower-case letters, digits and '-'.</param>
/// <param name="Names">The chat's name by language code (fi, sv, en).</param>
/// <param name="Languages">The languages the chat is held in.</param>
/// <param name="RequiresQualification">
/// Whether a counsellor must be named as serving this chat to take its seekers.
/// </param>
/// <param name="WeeklyHours">The regular opening hours, Helsinki time.</param>
/// <param name="SpecialHours">Holidays and other dates with their own hours, Helsinki dates.</param>
/// <param name="AdmissionCutoffMinutes">New seekers are turned away this many minutes before closing.</param>
/// <param name="QueueCap">At most this many seekers wait at once; more are told the chat is full.</param>
/// <param name="Retired">A retired chat is not offered and admits nobody.</param>
[GenerateSerializer, Immutable, Alias("ntk.ChatDefinition")]
public sealed record ChatDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyDictionary<string, string> Names,
    [property: Id(2)] IReadOnlyList<string> Languages,
    [property: Id(3)] bool RequiresQualification,
    [property: Id(4)] IReadOnlyList<OpeningPeriod> WeeklyHours,
    [property: Id(5)] IReadOnlyList<SpecialHours> SpecialHours,
    [property: Id(6)] int AdmissionCutoffMinutes = 15,
    [property: Id(7)] int QueueCap = 30,
    [property: Id(8)] bool Retired = false);
