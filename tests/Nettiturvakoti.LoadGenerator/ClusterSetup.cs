using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;
using Orleans.Configuration;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// An Orleans client of the web front's own silo, for what the benchmark prepares through grains
/// rather than pages: a chat open around the clock, and counsellor accounts that are available.
/// </summary>
public sealed class ClusterSetup : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterSetup(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The password of every counsellor made here.</summary>
    public static string CounsellorPassword { get; } = "bench " + Convert.ToHexString(RandomNumberGenerator.GetBytes(10));

    /// <summary>The grains of the web front's silo.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>
    /// Connects to the silo's gateway: on this machine for SQLite (localhost clustering), through
    /// the membership table for PostgreSQL, as the web front's own cluster clients do.
    /// </summary>
    public static async Task<ClusterSetup> ConnectAsync(WebFrontProcess webFront, BenchmarkDatabase database)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            if (database.Backend == Backend.Sqlite)
            {
                client.UseLocalhostClustering(webFront.GatewayPort, WebFrontProcess.ServiceId, webFront.ClusterId);
                return;
            }

            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = webFront.ClusterId;
                options.ServiceId = WebFrontProcess.ServiceId;
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = database.ConnectionString;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterSetup(host);
    }

    /// <summary>A new chat, open every hour of every day, only for counsellors named as serving it.</summary>
    public async Task<string> CreateChatAsync(int queueCap)
    {
        var id = "bench-" + Guid.NewGuid().ToString("N")[..10];
        IReadOnlyList<OpeningPeriod> always =
            [.. Enum.GetValues<DayOfWeek>().Select(d => new OpeningPeriod(d, TimeOnly.MinValue, TimeOnly.MinValue))];
        await Grains.GetGrain<IChatCatalogGrain>(0).SaveChatAsync(new ChatDefinition(
            id,
            new Dictionary<string, string> { ["fi"] = "Kuormitustesti " + id },
            ["fi"],
            RequiresQualification: true,
            always,
            [],
            AdmissionCutoffMinutes: 0,
            QueueCap: queueCap));
        return id;
    }

    /// <summary>
    /// <paramref name="count"/> counsellors serving <paramref name="chatId"/>, each holding up to
    /// ten chats (the most an account may), all available; returns their user names.
    /// </summary>
    public async Task<IReadOnlyList<string>> CreateCounsellorsAsync(string chatId, int count)
    {
        var directory = Grains.GetGrain<IAccountDirectoryGrain>(0);
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var name = $"bench-{i:D4}-{Guid.NewGuid():N}"[..24];
            var account = await directory.CreateAccountAsync(new NewAccount(
                name, $"Auttaja {i}", AccountRoles.Counsellor, [chatId], CounsellorPassword, MustChangePassword: false, MaxConversations: 10));
            await Grains.GetGrain<ICounsellorGrain>(account.Id).SetAvailableAsync(true);
            names.Add(name);
        }

        return names;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
