using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using OtpNet;

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

    private const int FailuresBeforeLockout = 5;
    private static readonly TimeSpan LockoutWindow = TimeSpan.FromMinutes(15);

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
        if (!await VerifyPasswordAsync(password))
        {
            return LoginOutcome.Failed;
        }

        // With a second factor the password alone logs nobody in.
        return State.TotpSecret is null
            ? new LoginOutcome(true, View())
            : new LoginOutcome(false, null, SecondFactorRequired: true);
    }

    public async Task<LoginOutcome> CheckSecondFactorAsync(string code)
    {
        if (!state.RecordExists || State.Disabled || IsLocked() || State.TotpSecret is null)
        {
            return LoginOutcome.Failed;
        }

        if (!MatchesCode(State.TotpSecret, code, out var step) || step <= State.LastTotpStep)
        {
            await CountFailureAsync();
            return LoginOutcome.Failed;
        }

        State.LastTotpStep = step;
        State.Failures.Clear();
        await state.WriteStateAsync();
        return new LoginOutcome(true, View());
    }

    public async Task<TotpEnrollment> BeginSecondFactorAsync()
    {
        RequireAccount();
        if (State.PendingTotpSecret is null)
        {
            State.PendingTotpSecret = RandomNumberGenerator.GetBytes(20);
            await state.WriteStateAsync();
        }

        var secret = Base32Encoding.ToString(State.PendingTotpSecret);
        var uri = new OtpUri(OtpType.Totp, secret, State.UserName, "Nettiturvakoti").ToString();
        return new TotpEnrollment(secret, uri);
    }

    public async Task<AccountView> ConfirmSecondFactorAsync(string code)
    {
        RequireAccount();
        if (State.PendingTotpSecret is null || !MatchesCode(State.PendingTotpSecret, code, out var step))
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, "The code is not right; try the next one your app shows.");
        }

        State.TotpSecret = State.PendingTotpSecret;
        State.PendingTotpSecret = null;
        State.LastTotpStep = step;
        State.SecurityStamp = NewStamp();
        await state.WriteStateAsync();
        LogSecondFactorOn(logger, AccountId);
        return View();
    }

    public async Task<AccountView> UpdateAsync(AccountUpdate update)
    {
        RequireAccount();
        if (update.Roles == AccountRoles.None || (update.Roles & ~(AccountRoles.Counsellor | AccountRoles.Supervisor)) != 0)
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, "An account needs a role: counsellor, supervisor or both.");
        }

        var chatName = update.ChatName?.Trim() ?? "";
        if (chatName.Length > 60)
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, "A chat name is at most 60 characters.");
        }

        var queues = update.Queues?.Distinct().ToList() ?? [];
        var changesAccess = update.Roles != State.Roles || update.Disabled != State.Disabled || !queues.SequenceEqual(State.Queues);
        State.ChatName = chatName.Length == 0 ? State.UserName : chatName;
        State.Roles = update.Roles;
        State.Queues = queues;
        State.MaxConversations = Math.Clamp(update.MaxConversations, 1, 10);
        State.Disabled = update.Disabled;
        if (changesAccess)
        {
            State.SecurityStamp = NewStamp();
        }

        await state.WriteStateAsync();
        LogUpdated(logger, AccountId, State.Roles, State.Disabled);
        return View();
    }

    public async Task<AccountView> ResetPasswordAsync(string temporaryPassword)
    {
        RequireAccount();
        PasswordRules.Check(temporaryPassword);
        State.PasswordHash = hasher.HashPassword(State, temporaryPassword);
        State.MustChangePassword = true;
        State.Failures.Clear();
        State.LockedUntil = null;
        State.SecurityStamp = NewStamp();
        await state.WriteStateAsync();
        LogPasswordReset(logger, AccountId);
        return View();
    }

    public async Task<AccountView> ChangePasswordAsync(string currentPassword, string newPassword)
    {
        if (!await VerifyPasswordAsync(currentPassword))
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

    // Checks the password, counting failures toward the lockout. An unknown account costs the
    // same hashing time as a known one.
    private async Task<bool> VerifyPasswordAsync(string? password)
    {
        if (!state.RecordExists)
        {
            hasher.VerifyHashedPassword(State, DecoyHash.Value, password ?? "");
            return false;
        }

        var result = hasher.VerifyHashedPassword(State, State.PasswordHash, password ?? "");
        if (result == PasswordVerificationResult.Failed || State.Disabled || IsLocked())
        {
            if (result == PasswordVerificationResult.Failed)
            {
                await CountFailureAsync();
            }

            return false;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            State.PasswordHash = hasher.HashPassword(State, password!);
        }

        State.Failures.Clear();
        await state.WriteStateAsync();
        return true;
    }

    private bool IsLocked() => State.LockedUntil is { } until && until > time.GetUtcNow();

    private async Task CountFailureAsync()
    {
        var now = time.GetUtcNow();
        State.Failures.RemoveAll(f => now - f > LockoutWindow);
        State.Failures.Add(now);
        if (State.Failures.Count >= FailuresBeforeLockout)
        {
            State.LockedUntil = now + LockoutWindow;
            State.Failures.Clear();
            LogLockedOut(logger, AccountId);
        }

        await state.WriteStateAsync();
    }

    private bool MatchesCode(byte[] secret, string? code, out long step)
    {
        step = 0;
        return code is { Length: 6 } && code.All(char.IsAsciiDigit)
            && new Totp(secret).VerifyTotp(time.GetUtcNow().UtcDateTime, code, out step, VerificationWindow.RfcSpecifiedNetworkDelay);
    }

    private void RequireAccount()
    {
        if (!state.RecordExists)
        {
            throw new ChatRuleException(ErrorCodes.AccountDisabled, "There is no such account.");
        }
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
        State.MaxConversations,
        State.TotpSecret is not null);

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Account {AccountId} created with roles {Roles}")]
    private static partial void LogCreated(ILogger logger, Guid accountId, AccountRoles roles);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Account {AccountId} changed its password")]
    private static partial void LogPasswordChanged(ILogger logger, Guid accountId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Account {AccountId} updated: roles {Roles}, disabled {Disabled}")]
    private static partial void LogUpdated(ILogger logger, Guid accountId, AccountRoles roles, bool disabled);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Account {AccountId} was given a temporary password")]
    private static partial void LogPasswordReset(ILogger logger, Guid accountId);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Account {AccountId} locked after repeated failed logins")]
    private static partial void LogLockedOut(ILogger logger, Guid accountId);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Account {AccountId} turned on a second factor")]
    private static partial void LogSecondFactorOn(ILogger logger, Guid accountId);
}
