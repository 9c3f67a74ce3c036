using Npgsql;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// A fresh, empty database for one web front: a new folder for the SQLite file, or a new database
/// on the PostgreSQL server. The web front creates the schema itself when it starts.
/// </summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string? _adminConnectionString;
    private readonly string? _postgresName;

    private BenchmarkDatabase(Backend backend, string folder, string? connectionString, string? admin, string? name)
    {
        Backend = backend;
        Folder = folder;
        ConnectionString = connectionString;
        _adminConnectionString = admin;
        _postgresName = name;
    }

    /// <summary>Which kind of database this is.</summary>
    public Backend Backend { get; }

    /// <summary>A new folder for the web front's working directory (and the SQLite file).</summary>
    public string Folder { get; }

    /// <summary>The PostgreSQL connection string; null for SQLite.</summary>
    public string? ConnectionString { get; }

    /// <summary>Makes the folder, and for PostgreSQL a database named after a new id.</summary>
    public static async Task<BenchmarkDatabase> CreateAsync(Backend backend, string postgresAdmin)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ntk-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (backend == Backend.Sqlite)
        {
            return new BenchmarkDatabase(backend, folder, null, null, null);
        }

        var name = $"ntk_bench_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(postgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = name }.ConnectionString;
        return new BenchmarkDatabase(backend, folder, connectionString, postgresAdmin, name);
    }

    /// <summary>The web front's storage settings, as environment variables.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings()
    {
        if (Backend == Backend.Sqlite)
        {
            yield return new("Storage__Provider", "Sqlite");
            yield return new("Storage__DataDirectory", Path.Combine(Folder, "data"));
        }
        else
        {
            yield return new("Storage__Provider", "PostgreSql");
            yield return new("Storage__ConnectionString", ConnectionString!);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_adminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the system's temp cleaning.
        }
    }
}
