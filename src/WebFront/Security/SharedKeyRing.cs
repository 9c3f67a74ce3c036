using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.Options;
using Nettiturvakoti.Storage;
using Npgsql;

namespace Nettiturvakoti.WebFront.Security;

/// <summary>
/// Loads the shared key ring once at start, under a database lock, before Data Protection's own
/// start-up does. On a new database the first web front to get the lock creates the key and every
/// other one finds it; without the lock, web fronts starting together could each create a key of
/// their own and, for a while, not accept each other's cookies. With SQLite there is only one
/// process and nothing to coordinate.
/// </summary>
internal sealed partial class SharedKeyRing(
    IKeyRingProvider keyRing, IOptions<StorageOptions> storage, ILogger<SharedKeyRing> logger) : IHostedService
{
    // Any fixed number: the advisory lock is named by it in the whole database.
    private const long LockId = 0x4E544B_445052;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = storage.Value;
        if (options.Provider != StorageProvider.PostgreSql)
        {
            return;
        }

        try
        {
            await using var connection = new NpgsqlConnection(options.ResolveConnectionString());
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // A web front that hangs while holding the lock must not hold up the others for long.
            await using (var command = new NpgsqlCommand(
                "SET LOCAL lock_timeout = '10s'; SELECT pg_advisory_xact_lock(@lock)", connection, transaction))
            {
                command.Parameters.AddWithValue("lock", LockId);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            // Reads the keys on connections of its own, and adds the first key when there is none.
            var ring = keyRing.GetCurrentKeyRing();
            await transaction.CommitAsync(cancellationToken);
            LogLoaded(logger, ring.DefaultKeyId);
        }
        catch (Exception error) when (error is NpgsqlException or InvalidOperationException)
        {
            // Data Protection reads the keys again when it is first used, and reports its own failures.
            LogFailed(logger, error);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5501, Level = LogLevel.Information, Message = "Shared Data Protection key ring loaded; default key {KeyId}")]
    private static partial void LogLoaded(ILogger logger, Guid keyId);

    [LoggerMessage(EventId = 5502, Level = LogLevel.Error,
        Message = "Could not load the shared Data Protection key ring (has the schema been migrated?)")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
