namespace Nettiturvakoti.Accounts;

/// <summary>What it takes to create an account.</summary>
/// <param name="UserName">The login name; compared without regard to case.</param>
/// <param name="ChatName">The name seekers see in the chat.</param>
/// <param name="Roles">What the account may do.</param>
/// <param name="Queues">The chats a counsellor serves.</param>
/// <param name="Password">The first password.</param>
/// <param name="MustChangePassword">Whether the person must set a new password at first login.</param>
/// <param name="MaxConversations">How many chats a counsellor may hold at once.</param>
[GenerateSerializer, Immutable, Alias("ntk.NewAccount")]
public sealed record NewAccount(
    [property: Id(0)] string UserName,
    [property: Id(1)] string ChatName,
    [property: Id(2)] AccountRoles Roles,
    [property: Id(3)] IReadOnlyList<string> Queues,
    [property: Id(4)] string Password,
    [property: Id(5)] bool MustChangePassword = true,
    [property: Id(6)] int MaxConversations = 3);
