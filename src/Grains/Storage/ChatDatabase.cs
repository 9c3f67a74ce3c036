using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Nettiturvakoti.Storage;

/// <summary>
/// Opens connections to the project's own tables (transcripts, waiting lists, seeker addresses),
/// which live in the same database as Orleans' grain state. The SQL it runs is written to work
/// unchanged on both SQLite and PostgreSQL.
/// </summary>
public sealed class ChatDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _connectionString;

    public ChatDatabase(IOptions<StorageOptions> options)
    {
        var storage = options.Value;
        Provider = storage.Provider;
        _connectionString = storage.ResolveConnectionString();
        if (Provider == StorageProvider.PostgreSql)
        {
            _postgres = NpgsqlDataSource.Create(_connectionString);
        }
        else
        {
            SqliteConnectionDefaults.Install();
            Directory.CreateDirectory(Path.GetDirectoryName(storage.SqliteFile)!);
        }
    }

    /// <summary>
    /// SQLite: the size in bytes the write-ahead log file is cut back to when it is started over.
    /// The log is reused from its beginning once checkpointed, so in steady use it stays at the
    /// size one checkpoint interval fills; only a burst grows it past this.
    /// </summary>
    public const long LogSizeLimit = 64L * 1024 * 1024;

    /// <summary>The database this instance talks to.</summary>
    public StorageProvider Provider { get; }

    /// <summary>
    /// Opens a pooled connection. A SQLite connection leaves checkpoints of the write-ahead log to
    /// <see cref="SqliteCheckpointer"/>, so that none of its commits waits for one, and cuts the log
    /// file back to <see cref="LogSizeLimit"/> bytes when it starts the log over after a burst.
    /// </summary>
    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var noCheckpoints = connection.CreateCommand();
        noCheckpoints.CommandText = $"PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {LogSizeLimit};";
        await noCheckpoints.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
