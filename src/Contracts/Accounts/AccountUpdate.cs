namespace Nettiturvakoti.Accounts;

/// <summary>What a supervisor may change of an account.</summary>
/// <param name="ChatName">The name seekers see.</param>
/// <param name="Roles">What the account may do.</param>
/// <param name="Queues">The chats a counsellor serves (qualifications for the chats that need them).</param>
/// <param name="MaxConversations">How many chats a counsellor may hold at once (1 to 10).</param>
/// <param name="Disabled">A disabled account cannot log in, and its open sessions end.</param>
[GenerateSerializer, Immutable, Alias("ntk.AccountUpdate")]
public sealed record AccountUpdate(
    [property: Id(0)] string ChatName,
    [property: Id(1)] AccountRoles Roles,
    [property: Id(2)] IReadOnlyList<string> Queues,
    [property: Id(3)] int MaxConversations,
    [property: Id(4)] bool Disabled);
