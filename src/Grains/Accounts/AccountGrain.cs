using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Nettiturvakoti.Accounts;

internal sealed partial class AccountGrain(
    [PersistentState("account", StorageNames.Chat)] IPersistentState<AccountState> state,
    IPasswordHasher<AccountState> hasher,
    TimeProvider time,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    // Checked against when the account does not exist, so that a wrong user name costs as much
    // time as a wrong password.
    private static readonly Lazy<string> DecoyHash =
        new(() => new PasswordHasher<AccountState>().HashPassword(new AccountState(), Guid.NewGuid().ToString()));

    private AccountState State => state.State;

    private Guid AccountId => this.GetPrimaryKey();

    public async Task<AccountView> CreateAsync(NewAccount account)
    {
        if (state.RecordExists)
        {
            throw new ChatRuleException(ErrorCodes.AccountExists, "The account exists already.");
        }

        PasswordRules.Check(account.Password);
        State.UserName = account.UserName.Trim();
        State.ChatName = string.IsNullOrWhiteSpace(account.ChatName) ? State.UserName : account.ChatName.Trim();
        State.Roles = account.Roles;
        State.Queues = [.. account.Queues.Distinct()];
        State.PasswordHash = hasher.HashPassword(State, account.Password);
        State.MustChangePassword = account.MustChangePassword;
        State.MaxConversations = Math.Clamp(account.MaxConversations, 1, 10);
        State.SecurityStamp = NewStamp();
        State.CreatedAt = time.GetUtcNow();
        await state.WriteStateAsync();

        LogCreated(logger, AccountId, State.Roles);
        return View();
    }

    public Task<AccountView?> GetAsync() => Task.FromResult(state.RecordExists ? View() : null);

    public async Task<LoginOutcome> CheckPasswordAsync(string password)
    {
        if (!state.RecordExists)
        {
            hasher.VerifyHashedPassword(State, DecoyHash.Value, password ?? "");
            return LoginOutcome.Failed;
        }

        var result = hasher.VerifyHashedPassword(State, State.PasswordHash, password ?? "");
        if (result == PasswordVerificationResult.Failed || State.Disabled)
        {
            return LoginOutcome.Failed;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            State.PasswordHash = hasher.HashPassword(State, password!);
            await state.WriteStateAsync();
        }

        return new LoginOutcome(true, View());
    }

    public async Task<AccountView> ChangePasswordAsync(string currentPassword, string newPassword)
    {
        var check = await CheckPasswordAsync(currentPassword);
        if (!check.Succeeded)
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, "The current password is not right.");
        }

        PasswordRules.Check(newPassword);
        if (newPassword == currentPassword)
        {
            throw new ChatRuleException(ErrorCodes.WeakPassword, "The new password must differ from the old one.");
        }

        State.PasswordHash = hasher.HashPassword(State, newPassword);
        State.MustChangePassword = false;
        State.SecurityStamp = NewStamp();
        await state.WriteStateAsync();
        LogPasswordChanged(logger, AccountId);
        return View();
    }

    private AccountView View() => new(
        AccountId,
        State.UserName,
        State.ChatName,
        State.Roles,
        [.. State.Queues],
        State.Disabled,
        State.MustChangePassword,
        State.SecurityStamp,
        State.MaxConversations);

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Account {AccountId} created with roles {Roles}")]
    private static partial void LogCreated(ILogger logger, Guid accountId, AccountRoles roles);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Account {AccountId} changed its password")]
    private static partial void LogPasswordChanged(ILogger logger, Guid accountId);
}
