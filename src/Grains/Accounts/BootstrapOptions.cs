namespace Nettiturvakoti.Accounts;

/// <summary>
/// The <c>Bootstrap</c> configuration section: the first supervisor of a new installation.
/// </summary>
public sealed class BootstrapOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Bootstrap";

    /// <summary>The first supervisor's user name.</summary>
    public string SupervisorUserName { get; set; } = "supervisor";

    /// <summary>
    /// The first supervisor's password, normally given in the environment
    /// (<c>Bootstrap__SupervisorPassword</c>). When empty, a one-time password is generated and
    /// written to <see cref="OneTimePasswordFile"/>; the supervisor must replace it at first login.
    /// </summary>
    public string? SupervisorPassword { get; set; }

    /// <summary>Where a generated one-time password is written (readable by the owner only).</summary>
    public string? OneTimePasswordFile { get; set; }
}
