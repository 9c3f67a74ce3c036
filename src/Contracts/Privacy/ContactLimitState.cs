namespace Nettiturvakoti.Privacy;

/// <summary>Whether a seeker's address may open a chat now.</summary>
/// <param name="Limited">True when a counsellor's contact limit applies.</param>
/// <param name="Until">When the limit ends.</param>
[GenerateSerializer, Immutable, Alias("ntk.ContactLimitState")]
public sealed record ContactLimitState(
    [property: Id(0)] bool Limited,
    [property: Id(1)] DateTimeOffset? Until);
