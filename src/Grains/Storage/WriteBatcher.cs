using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Nettiturvakoti.Telemetry;

namespace Nettiturvakoti.Storage;

/// <summary>
/// Group commit for the project's own tables: writes that arrive while a transaction is being
/// committed wait and go together in the next one. Each caller's task completes only after the
/// transaction holding its write has committed, so "stored" always means durable, while a busy
/// silo pays for one commit per batch instead of one per message.
/// </summary>
public sealed partial class WriteBatcher : IAsyncDisposable
{
    private const int MaxBatch = 512;

    // Commits this slow are logged: every message behind one waits as long.
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan VerySlow = TimeSpan.FromMilliseconds(500);

    private readonly ChatDatabase _database;
    private readonly ILogger<WriteBatcher> _logger;
    private readonly Channel<PendingWrite> _pending =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

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

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            await CommitAsync(batch);
        }
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
        await using var connection = await _database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var affected = connection.CanCreateBatch
            ? await RunAsOneBatchAsync(connection, transaction, writes)
            : await RunOneByOneAsync(connection, transaction, writes);
        await transaction.CommitAsync();
        return affected;
    }

    // PostgreSQL: every statement of the transaction in one round trip to the server.
    private static async Task<int[]> RunAsOneBatchAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PendingWrite> writes)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var write in writes)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = write.Sql;
            foreach (var arg in write.Args)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = arg.Name;
                parameter.Value = arg.Value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
        return [.. batch.BatchCommands.Select(command => command.RecordsAffected)];
    }

    // SQLite runs in this process: a statement costs no round trip.
    private static async Task<int[]> RunOneByOneAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PendingWrite> writes)
    {
        var affected = new int[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            await using var command = connection.CreateCommand(writes[i].Sql, writes[i].Args, transaction);
            affected[i] = await command.ExecuteNonQueryAsync();
        }

        return affected;
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

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "A group commit of {Count} writes took {Milliseconds} ms")]
    private static partial void LogSlowCommit(ILogger logger, int count, long milliseconds);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "A group commit of {Count} writes took {Milliseconds} ms; is the disk or the database overloaded?")]
    private static partial void LogVerySlowCommit(ILogger logger, int count, long milliseconds);

    private sealed class PendingWrite(string sql, SqlArg[] args)
    {
        public string Sql { get; } = sql;

        public SqlArg[] Args { get; } = args;

        public TaskCompletionSource<int> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
