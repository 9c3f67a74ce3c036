using Nettiturvakoti.Accounts;
using Nettiturvakoti.Counsellors;

namespace Nettiturvakoti.Tests.Grains;

/// <summary>Creates accounts for tests through the same directory grain the service uses.</summary>
public static class TestAccounts
{
    public const string Password = "correct horse battery staple";

    /// <summary>A new counsellor serving <paramref name="queues"/>, available to take seekers.</summary>
    public static async Task<AccountView> CreateCounsellorAsync(IGrainFactory grains, params string[] queues) =>
        await CreateCounsellorAsync(grains, available: true, maxConversations: 3, queues);

    public static async Task<AccountView> CreateCounsellorAsync(
        IGrainFactory grains, bool available, int maxConversations, params string[] queues)
    {
        var name = $"counsellor-{Guid.NewGuid():N}"[..24];
        var account = await grains.GetGrain<IAccountDirectoryGrain>(0).CreateAccountAsync(new NewAccount(
            name, "Helper " + name[^4..], AccountRoles.Counsellor, queues, Password, MustChangePassword: false, maxConversations));
        if (available)
        {
            await grains.GetGrain<ICounsellorGrain>(account.Id).SetAvailableAsync(true);
        }

        return account;
    }
}
