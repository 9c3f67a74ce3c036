using Nettiturvakoti.Accounts;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Grains;

namespace Nettiturvakoti.Tests.Infrastructure;

/// <summary>One running web front (with its co-hosted silo) shared by a collection of tests.</summary>
public abstract class WebFrontFixture(StorageProvider provider, IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    public WebFrontHost Host { get; private set; } = null!;

    public StorageProvider Provider { get; } = provider;

    public async Task InitializeAsync()
    {
        Host = new WebFrontHost(await TestDatabases.CreateAsync(Provider), settings);
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await TestDatabases.DropAsync(Host.Storage);
    }

    /// <summary>A new counsellor account, logged in through the login form.</summary>
    public async Task<(AccountView Account, System.Net.CookieContainer Cookies)> LogInNewCounsellorAsync(params string[] queues)
    {
        var account = await TestAccounts.CreateCounsellorAsync(Host.Grains, queues);
        var cookies = await ChatClients.LogInAsync(Host.BaseAddress, account.UserName, TestAccounts.Password);
        return (account, cookies);
    }
}

public sealed class SqliteWebFrontFixture() : WebFrontFixture(StorageProvider.Sqlite);

public sealed class PostgresWebFrontFixture() : WebFrontFixture(StorageProvider.PostgreSql);

/// <summary>
/// A web front of its own for tests that move its clock, behind a trusted proxy on 127.0.0.1 so
/// that tests can give each seeker an address of its own with X-Forwarded-For.
/// </summary>
public sealed class ProxiedWebFrontFixture() : WebFrontFixture(StorageProvider.Sqlite, new Dictionary<string, string?>
{
    ["WebFront:TrustedProxies:0"] = "127.0.0.1",
    ["Chat:StartsPerWindow"] = "5",
});

[CollectionDefinition(Name)]
public sealed class ProxiedWebFront : ICollectionFixture<ProxiedWebFrontFixture>
{
    public const string Name = "web front behind a proxy, with a moving clock";
}

[CollectionDefinition(Name)]
public sealed class SqliteWebFront : ICollectionFixture<SqliteWebFrontFixture>
{
    public const string Name = "web front on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresWebFront : ICollectionFixture<PostgresWebFrontFixture>
{
    public const string Name = "web front on PostgreSQL";
}
