namespace Nettiturvakoti.WebFront.Security;

/// <summary>The authorization policies of the web front.</summary>
public static class Policies
{
    /// <summary>A logged-in counsellor who has set their own password.</summary>
    public const string Counsellor = "counsellor";

    /// <summary>A logged-in supervisor who has set their own password.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Anyone logged in, even before setting their own password.</summary>
    public const string LoggedIn = "logged-in";
}
