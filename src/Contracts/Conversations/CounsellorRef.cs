namespace Nettiturvakoti.Conversations;

/// <summary>A counsellor as a conversation knows them.</summary>
/// <param name="AccountId">The counsellor's account id.</param>
/// <param name="ChatName">The name the seeker sees.</param>
[GenerateSerializer, Immutable, Alias("ntk.CounsellorRef")]
public sealed record CounsellorRef(
    [property: Id(0)] Guid AccountId,
    [property: Id(1)] string ChatName);
