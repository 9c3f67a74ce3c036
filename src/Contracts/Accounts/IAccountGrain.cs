namespace Nettiturvakoti.Accounts;

/// <summary>
/// A counsellor's or supervisor's account, keyed by a stable id: profile, roles and the salted
/// password hash. The password itself is never stored.
/// </summary>
public interface IAccountGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Creates the account. Called by <see cref="IAccountDirectoryGrain"/> only, after it reserved
    /// the user name. Throws <see cref="ErrorCodes.WeakPassword"/> for a password that breaks the rules.
    /// </summary>
    Task<AccountView> CreateAsync(NewAccount account);

    /// <summary>The account, or null when it does not exist.</summary>
    Task<AccountView?> GetAsync();

    /// <summary>
    /// Checks a password. Fails alike for a wrong password, a disabled account and an account
    /// that does not exist.
    /// </summary>
    Task<LoginOutcome> CheckPasswordAsync(string password);

    /// <summary>
    /// Sets a new password after checking the current one, and clears the must-change mark.
    /// Throws <see cref="ErrorCodes.WeakPassword"/> or <see cref="ErrorCodes.BadRequest"/> (wrong
    /// current password).
    /// </summary>
    Task<AccountView> ChangePasswordAsync(string currentPassword, string newPassword);
}
