namespace Nettiturvakoti.Accounts;

/// <summary>Account ids by normalized user name.</summary>
[GenerateSerializer, Alias("ntk.AccountDirectoryState")]
public sealed class AccountDirectoryState
{
    [Id(0)]
    public Dictionary<string, Guid> ByUserName { get; set; } = [];

    [Id(1)]
    public List<Guid> InCreationOrder { get; set; } = [];

    [Id(2)]
    public bool SecondFactorRequired { get; set; }
}
