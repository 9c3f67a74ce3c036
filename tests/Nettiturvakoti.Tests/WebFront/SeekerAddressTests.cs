using Microsoft.AspNetCore.SignalR.Client;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.Tests.WebFront;

/// <summary>
/// The counsellor sees the connection's address; a forwarded address only when it comes from a
/// proxy the configuration trusts.
/// </summary>
public sealed class SeekerAddressTests
{
    [Theory]
    [InlineData(null, "127.0.0.1")]
    [InlineData("127.0.0.1", "203.0.113.77")]
    [InlineData("10.9.0.0/16", "127.0.0.1")]
    public async Task ForwardedFor_BelievedOnlyFromTrustedProxy(string? trustedProxy, string expected)
    {
        var storage = await TestDatabases.CreateAsync(StorageProvider.Sqlite);
        var settings = new Dictionary<string, string?>();
        if (trustedProxy is not null)
        {
            settings["WebFront:TrustedProxies:0"] = trustedProxy;
        }

        await using var host = new WebFrontHost(storage, settings);
        try
        {
            await host.StartAsync();
            var account = await Grains.TestAccounts.CreateCounsellorAsync(host.Grains);
            var cookies = await ChatClients.LogInAsync(host.BaseAddress, account.UserName, Grains.TestAccounts.Password);
            await using var counsellor = (await ChatClients.ConnectCounsellorAsync(host.BaseAddress, cookies)).Connection;
            var (seeker, _) = await ChatClients.ConnectSeekerAsync(
                host.BaseAddress, new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.77" });
            await using var _ = seeker;
            var started = await seeker.InvokeAsync<StartedChat>("StartChat", "fi", "fi");

            var taken = await counsellor.InvokeAsync<JoinedChat>("Take", "fi", started.ConversationId);

            Assert.Equal(expected, taken.Conversation.SeekerAddress);
        }
        finally
        {
            await host.StopAsync();
            await TestDatabases.DropAsync(storage);
        }
    }
}
