using System.Data.Common;
using Microsoft.Extensions.Hosting;

namespace Nettiturvakoti.Storage;

/// <summary>
/// Copies committed pages from SQLite's write-ahead log into the database file, in the background,
/// and sees that the log is started over from its beginning instead of growing without end.
/// </summary>
/// <remarks>
/// <para>
/// The project's own connections never checkpoint inside a commit (<see cref="ChatDatabase"/> turns
/// SQLite's automatic checkpoint off for them): done there, every thousandth page or so a message's
/// commit would wait while megabytes are copied and the database file is synced, and the messages
/// behind it would queue. Instead, once a second, a passive checkpoint on a connection of its own
/// copies the log while writers go on; it never blocks a writer or a reader, and pages a reader
/// still needs wait for the next round.
/// </para>
/// <para>
/// SQLite starts the log over only when a writer finds every page of it copied. Under steady
/// writes that never happens by itself: commits land while the pass copies, so some pages are
/// always left. When the log has grown past <see cref="RestartAfterPages"/>, the round therefore
/// ends with a second, short checkpoint that <see cref="WriteBatcher"/> runs between two of its
/// batches. It copies only what came in during the first pass, and the next commit then writes the
/// log from its beginning, over pages the file and the page cache already have. Left to grow, the
/// log took over a gigabyte in half a minute of the benchmark's load, and allocating its new blocks
/// cost more CPU than SQLite itself. On PostgreSQL this service does nothing.
/// </para>
/// </remarks>
public sealed partial class SqliteCheckpointer(
    ChatDatabase database, WriteBatcher writer, TimeProvider time, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>How often the log is copied over.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Pages (of 4 KB) the log may hold before a round makes sure that it starts over; SQLite's
    /// own automatic checkpoint starts at this size.
    /// </summary>
    public const long RestartAfterPages = 1000;

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
    /// Runs one round: a passive checkpoint, then, if the log is long, the writers' short one. Returns how many pages the log holds and how many of them are now
    /// in the database file.
    /// </summary>
    public async Task<(long InLog, long Copied)> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        (long InLog, long Copied) pass;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            pass = await PassiveAsync(connection, cancellationToken);
        }

        if (pass.InLog >= RestartAfterPages)
        {
            // The pass copied what the log held when it began; commits went on meanwhile.
            pass = await writer.CheckpointAsync();
        }

        return pass;
    }

    /// <summary>Runs one passive checkpoint on <paramref name="connection"/>.</summary>
    internal static async Task<(long InLog, long Copied)> PassiveAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
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
