namespace Nettiturvakoti.Accounts;

/// <summary>The role names used in authentication cookies and authorization policies.</summary>
public static class RoleNames
{
    /// <summary>The role of <see cref="AccountRoles.Counsellor"/>.</summary>
    public const string Counsellor = "counsellor";

    /// <summary>The role of <see cref="AccountRoles.Supervisor"/>.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>The role names an account with <paramref name="roles"/> holds.</summary>
    public static IEnumerable<string> Of(AccountRoles roles)
    {
        if (roles.HasFlag(AccountRoles.Counsellor))
        {
            yield return Counsellor;
        }

        if (roles.HasFlag(AccountRoles.Supervisor))
        {
            yield return Supervisor;
        }
    }
}
