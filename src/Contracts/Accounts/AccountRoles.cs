namespace Nettiturvakoti.Accounts;

/// <summary>What an account may do. An account may hold both roles.</summary>
[Flags]
public enum AccountRoles
{
    /// <summary>No role: the account can do nothing.</summary>
    None = 0,

    /// <summary>Takes and holds chats.</summary>
    Counsellor = 1,

    /// <summary>Runs the service: accounts, chats, statistics.</summary>
    Supervisor = 2,
}
