using Microsoft.Extensions.Logging.Abstractions;
using Nettiturvakoti.Storage;
using Npgsql;

namespace Nettiturvakoti.Tests.Infrastructure;

/// <summary>
/// Fresh, migrated databases for tests: a SQLite file in a new folder, or a new database on the
/// PostgreSQL server named by NTK_TEST_POSTGRES (by default the local server, over its socket).
/// </summary>
public static class TestDatabases
{
    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("NTK_TEST_POSTGRES")
        ?? $"Host=/var/run/postgresql;Username={Environment.UserName};Database=postgres";

    public static async Task<StorageOptions> CreateAsync(StorageProvider provider)
    {
        var options = provider == StorageProvider.Sqlite
            ? new StorageOptions { Provider = provider, DataDirectory = NewTempFolder() }
            : new StorageOptions { Provider = provider, ConnectionString = await CreatePostgresDatabaseAsync() };
        await SchemaMigrator.MigrateAsync(options, NullLogger.Instance);
        return options;
    }

    public static async Task DropAsync(StorageOptions options)
    {
        if (options.Provider == StorageProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(options.DataDirectory, recursive: true);
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var database = new NpgsqlConnectionStringBuilder(options.ConnectionString).Database;
        await using var admin = new NpgsqlConnection(PostgresAdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public static string NewTempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ntk-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static async Task<string> CreatePostgresDatabaseAsync()
    {
        var name = $"ntk_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PostgresAdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Database = name }.ConnectionString;
    }
}
