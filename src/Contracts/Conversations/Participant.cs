namespace Nettiturvakoti.Conversations;

/// <summary>
/// The side a call is made for: the seeker (already proven by their secret at the web front) or a
/// counsellor identified by account id. The conversation grain checks a counsellor against its
/// assignment on every call.
/// </summary>
[GenerateSerializer, Immutable, Alias("ntk.Participant")]
public sealed record Participant(
    [property: Id(0)] Party Party,
    [property: Id(1)] Guid CounsellorId)
{
    /// <summary>The seeker of the conversation.</summary>
    public static Participant Seeker { get; } = new(Party.Seeker, Guid.Empty);

    /// <summary>The counsellor with the given account id.</summary>
    public static Participant Counsellor(Guid accountId) => new(Party.Counsellor, accountId);
}
