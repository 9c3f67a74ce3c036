using Nettiturvakoti.Accounts;

namespace Nettiturvakoti.Tests.Grains;

/// <summary>Creates accounts for tests through the same directory grain the service uses.</summary>
public static class TestAccounts
{
    public const string Password = "correct horse battery staple";

    public static async Task<AccountView> CreateCounsellorAsync(
        IGrainFactory grains, params string[] queues)
    {
        var name = $"counsellor-{Guid.NewGuid():N}"[..24];
        return await grains.GetGrain<IAccountDirectoryGrain>(0).CreateAccountAsync(
            new NewAccount(name, "Helper " + name[^4..], AccountRoles.Counsellor, queues, Password, MustChangePassword: false));
    }
}
