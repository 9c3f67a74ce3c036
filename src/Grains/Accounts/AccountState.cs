using Nettiturvakoti.Accounts;

namespace Nettiturvakoti.Accounts;

/// <summary>An account as stored: the password only as a salted hash.</summary>
[GenerateSerializer, Alias("ntk.AccountState")]
public sealed class AccountState
{
    [Id(0)]
    public string UserName { get; set; } = "";

    [Id(1)]
    public string ChatName { get; set; } = "";

    [Id(2)]
    public AccountRoles Roles { get; set; }

    [Id(3)]
    public List<string> Queues { get; set; } = [];

    [Id(4)]
    public string PasswordHash { get; set; } = "";

    [Id(5)]
    public bool Disabled { get; set; }

    [Id(6)]
    public bool MustChangePassword { get; set; }

    [Id(7)]
    public string SecurityStamp { get; set; } = "";

    [Id(8)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(9)]
    public int MaxConversations { get; set; } = 3;
}
