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

    /// <summary>Recent failed login attempts, for the lockout.</summary>
    [Id(10)]
    public List<DateTimeOffset> Failures { get; set; } = [];

    [Id(11)]
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>The second factor's secret once confirmed; the one being set up before that.</summary>
    [Id(12)]
    public byte[]? TotpSecret { get; set; }

    [Id(13)]
    public byte[]? PendingTotpSecret { get; set; }

    /// <summary>The time step of the last code accepted, so that no code is accepted twice.</summary>
    [Id(14)]
    public long LastTotpStep { get; set; }
}
