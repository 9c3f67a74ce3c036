namespace Nettiturvakoti.Accounts;

/// <summary>An account without its secrets.</summary>
/// <param name="Id">The stable account id.</param>
/// <param name="UserName">The login name.</param>
/// <param name="ChatName">The name seekers see in the chat.</param>
/// <param name="Roles">What the account may do.</param>
/// <param name="Queues">The chats a counsellor serves.</param>
/// <param name="Disabled">A disabled account cannot log in.</param>
/// <param name="MustChangePassword">The person must set a new password before doing anything else.</param>
/// <param name="SecurityStamp">Changes whenever the password, roles or status change; ends old logins.</param>
/// <param name="MaxConversations">How many chats a counsellor may hold at once.</param>
/// <param name="SecondFactor">Whether logging in also needs a one-time code.</param>
[GenerateSerializer, Immutable, Alias("ntk.AccountView")]
public sealed record AccountView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string UserName,
    [property: Id(2)] string ChatName,
    [property: Id(3)] AccountRoles Roles,
    [property: Id(4)] IReadOnlyList<string> Queues,
    [property: Id(5)] bool Disabled,
    [property: Id(6)] bool MustChangePassword,
    [property: Id(7)] string SecurityStamp,
    [property: Id(8)] int MaxConversations,
    [property: Id(9)] bool SecondFactor = false);
