using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.WebFront.Hosting;

namespace Nettiturvakoti.Tests.WebFront;

/// <summary>
/// What operations rely on in one web front: health endpoints, login keys kept in the database,
/// and hub connections refused while stopping. (Tests/Cluster runs the same with real processes.)
/// </summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task HealthEndpoints_WebFrontWithItsSilo_AreLiveAndReady()
    {
        var storage = await TestDatabases.CreateAsync(StorageProvider.Sqlite);
        await using var web = new WebFrontHost(storage);
        try
        {
            await web.StartAsync();
            using var http = new HttpClient { BaseAddress = web.BaseAddress };

            var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
            var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        }
        finally
        {
            await web.StopAsync();
            await TestDatabases.DropAsync(storage);
        }
    }

    [Fact]
    public async Task LoginKeys_AreKeptInTheDatabase_SoALoginOutlivesARestart()
    {
        var storage = await TestDatabases.CreateAsync(StorageProvider.Sqlite);
        await using var web = new WebFrontHost(storage);
        try
        {
            await web.StartAsync();
            var account = await Grains.TestAccounts.CreateCounsellorAsync(web.Grains);
            var cookies = await ChatClients.LogInAsync(web.BaseAddress, account.UserName, Grains.TestAccounts.Password);
            Assert.Equal(1, await Db.ScalarAsync(storage, "SELECT COUNT(*) FROM data_protection_key"));

            await web.RestartAsync();
            var (counsellor, _) = await ChatClients.ConnectCounsellorAsync(web.BaseAddress, cookies);
            await counsellor.DisposeAsync();

            Assert.Equal(1, await Db.ScalarAsync(storage, "SELECT COUNT(*) FROM data_protection_key"));
        }
        finally
        {
            await web.StopAsync();
            await TestDatabases.DropAsync(storage);
        }
    }

    [Theory]
    [InlineData("/hubs/seeker", false, StatusCodes.Status200OK)]
    [InlineData("/hubs/seeker/negotiate", true, StatusCodes.Status503ServiceUnavailable)]
    [InlineData("/hubs/counsellor", true, StatusCodes.Status503ServiceUnavailable)]
    [InlineData("/login", true, StatusCodes.Status200OK)]
    [InlineData("/api/seeker/quick-exit", true, StatusCodes.Status200OK)]
    public async Task Draining_WhileStopping_RefusesOnlyNewHubConnections(string path, bool stopping, int status)
    {
        using var lifetime = new Lifetime();
        if (stopping)
        {
            await lifetime.Stopping.CancelAsync();
        }

        var passedOn = false;
        var draining = new Draining(_ => { passedOn = true; return Task.CompletedTask; }, lifetime);
        var context = new DefaultHttpContext();
        context.Request.Path = path;

        await draining.InvokeAsync(context);

        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal(status == StatusCodes.Status200OK, passedOn);
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        public CancellationTokenSource Stopping { get; } = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => Stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopping.Cancel();

        public void Dispose() => Stopping.Dispose();
    }
}
