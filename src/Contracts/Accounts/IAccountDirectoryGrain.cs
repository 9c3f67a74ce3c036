namespace Nettiturvakoti.Accounts;

/// <summary>
/// The index of accounts by user name, one for the whole cluster (key 0). Creates accounts, so
/// that a user name is never given twice.
/// </summary>
public interface IAccountDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Creates an account. Throws <see cref="ErrorCodes.AccountExists"/> when the user name is taken.
    /// </summary>
    Task<AccountView> CreateAccountAsync(NewAccount account);

    /// <summary>
    /// Creates the first supervisor if there is no account at all; otherwise does nothing.
    /// </summary>
    /// <returns>The new account, or null when accounts already existed.</returns>
    Task<AccountView?> CreateFirstSupervisorAsync(NewAccount account);

    /// <summary>The id of the account with this user name (any case), or null.</summary>
    Task<Guid?> FindAsync(string userName);

    /// <summary>Whether supervisors must use a second factor (one-time codes) to log in.</summary>
    Task<bool> IsSecondFactorRequiredAsync();

    /// <summary>Requires (or stops requiring) a second factor for supervisors.</summary>
    Task SetSecondFactorRequiredAsync(bool required);

    /// <summary>Every account id, in the order they were created.</summary>
    Task<IReadOnlyList<Guid>> ListAsync();
}
