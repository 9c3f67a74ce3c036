using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Hosting;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.Tests.WebFront;

/// <summary>
/// The cluster shape: a silo on its own (as src/Silo runs it) and a web front that reaches it as
/// an Orleans client, finding it through ADO.NET clustering on PostgreSQL.
/// </summary>
public sealed class ClusterClientTests
{
    [Fact]
    public async Task WebFrontAsClient_OfSeparateSilo_ChatWorks()
    {
        var storage = await TestDatabases.CreateAsync(StorageProvider.PostgreSql);
        var cluster = new Dictionary<string, string?>(GrainClusterFixture.StorageSettings(storage))
        {
            ["Cluster:ClusterId"] = "client-test-" + Guid.NewGuid().ToString("N")[..8],
            ["Cluster:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:AdvertisedAddress"] = "127.0.0.1",
        };
        var siloBuilder = Host.CreateApplicationBuilder();
        siloBuilder.Configuration.AddInMemoryCollection(cluster);
        siloBuilder.Logging.ClearProviders();
        siloBuilder.UseOrleans(silo => silo
            .UseNettiturvakotiClustering(siloBuilder.Configuration)
            .AddNettiturvakotiGrains(siloBuilder.Configuration));
        using var silo = siloBuilder.Build();
        await using var web = new WebFrontHost(storage, new Dictionary<string, string?>(cluster) { ["WebFront:Orleans"] = "Client" });
        try
        {
            await silo.StartAsync();
            await web.StartAsync();

            // The silo keeps real time, so the chat is one that is always open.
            var chat = await web.CreateTestChatAsync();
            var account = await Grains.TestAccounts.CreateCounsellorAsync(web.Grains, chat);
            var cookies = await ChatClients.LogInAsync(web.BaseAddress, account.UserName, Grains.TestAccounts.Password);
            var (counsellor, _) = await ChatClients.ConnectCounsellorAsync(web.BaseAddress, cookies);
            await using var _ = counsellor;
            var (seeker, seekerInbox) = await ChatClients.ConnectSeekerAsync(web.BaseAddress);
            await using var __ = seeker;

            var started = await seeker.InvokeAsync<StartedChat>("StartChat", chat, "fi");
            await counsellor.InvokeAsync<JoinedChat>("Take", chat, started.ConversationId);
            var reply = await counsellor.InvokeAsync<SendResult>("Send", started.ConversationId, "c-1", "Hei klusterista");

            var pushed = (ChatEntry)(await seekerInbox.NextAsync(
                ClientEvents.Entry, a => ((ChatEntry)a[1]!).Sequence == reply.Sequence))[1]!;
            Assert.Equal("Hei klusterista", pushed.Text);
        }
        finally
        {
            await web.StopAsync();
            await silo.StopAsync();
            await TestDatabases.DropAsync(storage);
        }
    }
}
