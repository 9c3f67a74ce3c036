using Microsoft.Data.Sqlite;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Infrastructure;

namespace Nettiturvakoti.Tests.Grains;

/// <summary>
/// Every SQLite connection of the process, also one opened the way Orleans' ADO.NET providers open
/// theirs (the factory and the connection string, nothing more), waits inside SQLite for a locked
/// database rather than returning to Microsoft.Data.Sqlite's 150 ms sleeps.
/// </summary>
public sealed class SqliteConnectionDefaultsTests : IAsyncLifetime
{
    private StorageOptions _options = null!;

    public async Task InitializeAsync() => _options = await TestDatabases.CreateAsync(StorageProvider.Sqlite);

    public Task DisposeAsync() => TestDatabases.DropAsync(_options);

    [Fact]
    public async Task ConnectionOpenedLikeOrleansOpensIt_HasTheBusyTimeout()
    {
        SqliteConnectionDefaults.Install();

        // Not from the pool, which may hold connections that other tests opened before Install.
        await using var connection = SqliteFactory.Instance.CreateConnection();
        var unpooled = new SqliteConnectionStringBuilder(_options.ResolveConnectionString()) { Pooling = false };
        connection.ConnectionString = unpooled.ToString();
        await connection.OpenAsync();

        Assert.Equal(SqliteConnectionDefaults.BusyTimeoutMilliseconds, await PragmaAsync(connection, "busy_timeout"));
    }

    private static async Task<long> PragmaAsync(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
