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
    /// Checks a password. Fails alike for a wrong password, a disabled account, a locked account
    /// and an account that does not exist. Five failures within fifteen minutes lock the account
    /// for fifteen minutes. When the account has a second factor, success only says that the code
    /// is needed next (<see cref="LoginOutcome.SecondFactorRequired"/>).
    /// </summary>
    Task<LoginOutcome> CheckPasswordAsync(string password);

    /// <summary>
    /// Checks a one-time code from the account's authenticator. A code is accepted once; failures
    /// count toward the lockout like wrong passwords.
    /// </summary>
    Task<LoginOutcome> CheckSecondFactorAsync(string code);

    /// <summary>Starts setting up a second factor (time-based one-time codes); not in use until confirmed.</summary>
    Task<TotpEnrollment> BeginSecondFactorAsync();

    /// <summary>Turns the second factor on after checking a first code from the new authenticator.</summary>
    Task<AccountView> ConfirmSecondFactorAsync(string code);

    /// <summary>
    /// Changes what a supervisor may change. Any change to roles, chats or status ends the
    /// account's open sessions (the security stamp changes).
    /// </summary>
    Task<AccountView> UpdateAsync(AccountUpdate update);

    /// <summary>
    /// Gives the account a temporary password that the person must replace at their next login,
    /// and ends their open sessions.
    /// </summary>
    Task<AccountView> ResetPasswordAsync(string temporaryPassword);

    /// <summary>
    /// Sets a new password after checking the current one, and clears the must-change mark.
    /// Throws <see cref="ErrorCodes.WeakPassword"/> or <see cref="ErrorCodes.BadRequest"/> (wrong
    /// current password).
    /// </summary>
    Task<AccountView> ChangePasswordAsync(string currentPassword, string newPassword);
}
