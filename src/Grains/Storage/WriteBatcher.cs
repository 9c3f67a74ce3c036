using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Nettiturvakoti.Telemetry;

namespace Nettiturvakoti.Storage;

/// <summary>
/// Group commit for the project's own tables: writes that arrive while a transaction is being
/// committed wait and go together in the next one. Each caller's task completes only after the
/// transaction holding its write has committed, so "stored" always means durable, while a busy
/// silo pays for one commit per batch instead of one per message.
/// </summary>
/// <remarks>
/// The batcher keeps one connection open for its writes and, on SQLite, each statement prepared on
/// it (<see cref="SqliteStatements"/>), so that a batch neither takes a connection from the pool
/// (and resets it) nor parses its SQL again. After any failure the connection is closed and the
/// next batch opens a new one.
/// </remarks>
public sealed partial class WriteBatcher : IAsyncDisposable
{
    private const int MaxBatch = 512;

    // SQLite: the writer's page cache, in KB (64 MB).
    private const int WriterCacheKilobytes = 65536;

    // Takes the write lock at once, as Microsoft.Data.Sqlite's own transactions do.
    private const string BeginSql = "BEGIN IMMEDIATE;";
    private const string CommitSql = "COMMIT;";

    // Commits this slow are logged: every message behind one waits as long.
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan VerySlow = TimeSpan.FromMilliseconds(500);

    private readonly ChatDatabase _database;
    private readonly ILogger<WriteBatcher> _logger;
    private readonly Channel<PendingWork> _pending =
        Channel.CreateUnbounded<PendingWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PostgresBatch _postgres = new();
    private readonly Task _loop;
    private DbConnection? _connection;
    private SqliteStatements? _sqlite;

    public WriteBatcher(ChatDatabase database, ILogger<WriteBatcher> logger)
    {
        _database = database;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Runs one statement in the next batch; returns the rows it affected.</summary>
    public Task<int> ExecuteAsync(string sql, params SqlArg[] args)
    {
        var write = new PendingWrite(sql, args);
        ObjectDisposedException.ThrowIf(!_pending.Writer.TryWrite(write), this);

        return write.Completion.Task;
    }

    /// <summary>
    /// SQLite: runs a passive checkpoint on the writers' connection between two batches, so that no
    /// write of the batcher's lands while it runs; returns how many pages the log holds and how
    /// many of them are now in the database file. See <see cref="SqliteCheckpointer"/>.
    /// </summary>
    public Task<(long InLog, long Copied)> CheckpointAsync()
    {
        var checkpoint = new PendingCheckpoint();
        ObjectDisposedException.ThrowIf(!_pending.Writer.TryWrite(checkpoint), this);

        return checkpoint.Completion.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            PendingCheckpoint? checkpoint = null;
            while (batch.Count < MaxBatch && checkpoint is null && _pending.Reader.TryRead(out var work))
            {
                if (work is PendingWrite write)
                {
                    batch.Add(write);
                }
                else
                {
                    checkpoint = (PendingCheckpoint)work;
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
            }

            if (checkpoint is not null)
            {
                await CheckpointNowAsync(checkpoint);
            }
        }

        await CloseConnectionAsync();
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var affected = await RunInTransactionAsync(batch);
            Measure(Stopwatch.GetElapsedTime(started), batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(affected[i]);
            }
        }
        catch (Exception batchError) when (batch.Count > 1)
        {
            // One bad statement must not fail the writes that came with it: retry each alone.
            LogBatchFailed(_logger, batch.Count, batchError);
            foreach (var write in batch)
            {
                await CommitAloneAsync(write);
            }
        }
        catch (Exception error)
        {
            batch[0].Completion.TrySetException(error);
        }
    }

    private async Task CommitAloneAsync(PendingWrite write)
    {
        try
        {
            var affected = await RunInTransactionAsync([write]);
            write.Completion.TrySetResult(affected[0]);
        }
        catch (Exception error)
        {
            write.Completion.TrySetException(error);
        }
    }

    private async Task<int[]> RunInTransactionAsync(IReadOnlyList<PendingWrite> writes)
    {
        try
        {
            var connection = await ConnectionAsync();
            if (_sqlite is not null)
            {
                return RunPrepared(_sqlite, writes);
            }

            return await _postgres.RunAsync(connection, [.. writes.Select(write => (write.Sql, write.Args))]);
        }
        catch
        {
            // Whatever failed, the next transaction starts on a fresh connection, and the old one is
            // closed for good rather than returned to the pool: a SQLite connection whose statement
            // failed between the batch's BEGIN and COMMIT still holds that transaction, which only
            // closing the connection rolls back.
            await CloseConnectionAsync(discard: true);
            throw;
        }
    }

    // SQLite runs in this process: a statement costs no round trip, but parsing it would cost
    // more than running it, so each is prepared once and only its values change. The transaction,
    // too, is begun and committed by prepared statements: Microsoft.Data.Sqlite's transaction
    // object would make two commands, each tracked by a finalizable weak reference, and a rollback
    // hook for every batch, a thousand batches a second under load.
    private static int[] RunPrepared(SqliteStatements statements, IReadOnlyList<PendingWrite> writes)
    {
        statements.Run(BeginSql, []);
        var affected = new int[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            affected[i] = statements.Run(writes[i].Sql, writes[i].Args);
        }

        statements.Run(CommitSql, []);
        return affected;
    }

    private async Task CheckpointNowAsync(PendingCheckpoint checkpoint)
    {
        try
        {
            checkpoint.Completion.TrySetResult(await SqliteCheckpointer.PassiveAsync(await ConnectionAsync()));
        }
        catch (Exception error)
        {
            await CloseConnectionAsync(discard: true);
            checkpoint.Completion.TrySetException(error);
        }
    }

    private async ValueTask<DbConnection> ConnectionAsync()
    {
        if (_connection is null)
        {
            _connection = await _database.OpenAsync();
            if (_connection is SqliteConnection sqlite)
            {
                // Every batch inserts into the index of a thousand conversations at once; with
                // SQLite's default 2 MB of cached pages, a busy database soon read most of them back
                // from the file for each insert. The cache grows only as far as it is used.
                await using var cache = _connection.CreateCommand();
                cache.CommandText = $"PRAGMA cache_size = -{WriterCacheKilobytes};";
                await cache.ExecuteNonQueryAsync();
                _sqlite = new SqliteStatements(sqlite);
            }
        }

        return _connection;
    }

    private async ValueTask CloseConnectionAsync(bool discard = false)
    {
        // Its statements go before the connection: a pooled connection outlives this use of it.
        _sqlite?.Dispose();
        _sqlite = null;
        if (_connection is not null)
        {
            if (discard && _connection is SqliteConnection sqlite)
            {
                SqliteConnection.ClearPool(sqlite);
            }

            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private void Measure(TimeSpan took, int writes)
    {
        ChatMetrics.CommitTook(took);
        if (took >= VerySlow)
        {
            LogVerySlowCommit(_logger, writes, (long)took.TotalMilliseconds);
        }
        else if (took >= Slow)
        {
            LogSlowCommit(_logger, writes, (long)took.TotalMilliseconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "A batch of {Count} writes failed; retrying each write alone")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception error);

    [LoggerMessage(
        EventId = 1002, Level = LogLevel.Information,
        Message = "A group commit of {Count} writes took {Milliseconds} ms")]
    private static partial void LogSlowCommit(ILogger logger, int count, long milliseconds);

    [LoggerMessage(
        EventId = 1004, Level = LogLevel.Warning,
        Message = "A group commit of {Count} writes took {Milliseconds} ms; is the disk or the database overloaded?")]
    private static partial void LogVerySlowCommit(ILogger logger, int count, long milliseconds);

    private abstract class PendingWork;

    // Completed on the batcher's loop without running continuations there: callers in a grain
    // resume on their grain's scheduler anyway, and a thread-pool hop per write would cost more
    // than everything else the loop does for it.
    private sealed class PendingWrite(string sql, SqlArg[] args) : PendingWork
    {
        public string Sql { get; } = sql;

        public SqlArg[] Args { get; } = args;

        public TaskCompletionSource<int> Completion { get; } = new();
    }

    private sealed class PendingCheckpoint : PendingWork
    {
        public TaskCompletionSource<(long InLog, long Copied)> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
