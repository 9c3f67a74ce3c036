using System.Data.Common;
using Microsoft.Extensions.Hosting;

namespace Nettiturvakoti.Storage;

/// <summary>
/// Copies committed pages from SQLite's write-ahead log into the database file, in the background.
/// The project's own connections never do this inside a commit (<see cref="ChatDatabase"/> turns
/// SQLite's automatic checkpoint off for them): done there, every thousandth page or so a
/// message's commit would wait while megabytes are copied and the database file is synced, and the
/// messages behind it would queue. The checkpoint is passive: it never blocks a writer or a reader,
/// and pages a reader still needs wait for the next round. On PostgreSQL it does nothing.
/// </summary>
public sealed partial class SqliteCheckpointer(
    ChatDatabase database, TimeProvider time, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>How often the log is copied over.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != StorageProvider.Sqlite)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckpointAsync(stoppingToken);
                }
                catch (DbException error)
                {
                    // The log keeps every committed page until a later round succeeds.
                    LogCheckpointFailed(logger, error);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// Runs one passive checkpoint: returns how many pages the log holds and how many of them are
    /// now in the database file.
    /// </summary>
    public async Task<(long InLog, long Copied)> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (0, 0);
        }

        return (reader.GetInt64(1), reader.GetInt64(2));
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "A background checkpoint of the SQLite log failed; the next one will try again")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception error);
}
