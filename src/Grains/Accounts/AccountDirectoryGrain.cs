namespace Nettiturvakoti.Accounts;

internal sealed class AccountDirectoryGrain(
    [PersistentState("accounts", StorageNames.Chat)] IPersistentState<AccountDirectoryState> state)
    : Grain, IAccountDirectoryGrain
{
    public async Task<AccountView> CreateAccountAsync(NewAccount account)
    {
        var key = Normalize(account.UserName);
        if (key.Length is < 2 or > 64 || !key.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            throw new ChatRuleException(
                ErrorCodes.BadRequest, "A user name is 2 to 64 letters, digits, '.', '-' or '_'.");
        }

        if (state.State.ByUserName.ContainsKey(key))
        {
            throw new ChatRuleException(ErrorCodes.AccountExists, "That user name is taken.");
        }

        PasswordRules.Check(account.Password);
        var id = Guid.NewGuid();
        var view = await GrainFactory.GetGrain<IAccountGrain>(id).CreateAsync(account with { UserName = key });
        state.State.ByUserName[key] = id;
        state.State.InCreationOrder.Add(id);
        await state.WriteStateAsync();
        return view;
    }

    public async Task<AccountView?> CreateFirstSupervisorAsync(NewAccount account) =>
        state.State.InCreationOrder.Count > 0
            ? null
            : await CreateAccountAsync(account with { Roles = account.Roles | AccountRoles.Supervisor });

    public Task<Guid?> FindAsync(string userName) =>
        Task.FromResult(state.State.ByUserName.TryGetValue(Normalize(userName), out var id) ? id : (Guid?)null);

    public Task<bool> IsSecondFactorRequiredAsync() => Task.FromResult(state.State.SecondFactorRequired);

    public async Task SetSecondFactorRequiredAsync(bool required)
    {
        state.State.SecondFactorRequired = required;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<Guid>> ListAsync() =>
        Task.FromResult<IReadOnlyList<Guid>>([.. state.State.InCreationOrder]);

    private static string Normalize(string? userName) => (userName ?? "").Trim().ToLowerInvariant();
}
