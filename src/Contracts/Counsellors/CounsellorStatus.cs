namespace Nettiturvakoti.Counsellors;

/// <summary>A counsellor at work: whether they take seekers, and which chats they hold.</summary>
/// <param name="AccountId">The counsellor's account id.</param>
/// <param name="Available">Whether they take seekers now (else away).</param>
/// <param name="ActiveConversations">The conversations they hold, oldest first.</param>
/// <param name="MaxConversations">How many they may hold at once.</param>
/// <param name="PendingForms">Closing forms they owe before taking another chat.</param>
[GenerateSerializer, Immutable, Alias("ntk.CounsellorStatus")]
public sealed record CounsellorStatus(
    [property: Id(0)] Guid AccountId,
    [property: Id(1)] bool Available,
    [property: Id(2)] IReadOnlyList<Guid> ActiveConversations,
    [property: Id(3)] int MaxConversations,
    [property: Id(4)] IReadOnlyList<Topics.PendingClosingForm> PendingForms);
