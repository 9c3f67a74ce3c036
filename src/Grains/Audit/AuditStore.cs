using Nettiturvakoti.Audit;

namespace Nettiturvakoti.Storage;

/// <summary>The audit log: one row per use of a counsellor's powers, appended, never updated.</summary>
public sealed class AuditStore(ChatDatabase database, WriteBatcher writer)
{
    /// <summary>Appends an entry durably.</summary>
    public Task AppendAsync(AuditEntry entry) =>
        writer.ExecuteAsync(
            """
            INSERT INTO audit_entry (at_ms, account_id, user_name, action, detail, queue_id)
            VALUES (@at, @account, @user, @action, @detail, @queue)
            """,
            new SqlArg("@at", entry.At.ToUnixTimeMilliseconds()),
            new SqlArg("@account", entry.AccountId),
            new SqlArg("@user", entry.UserName),
            new SqlArg("@action", (int)entry.Action),
            new SqlArg("@detail", entry.Detail),
            new SqlArg("@queue", entry.QueueId));

    /// <summary>Entries from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), newest first.</summary>
    public async Task<List<AuditEntry>> ReadAsync(DateTimeOffset from, DateTimeOffset to, int limit)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand(
            """
            SELECT at_ms, account_id, user_name, action, detail, queue_id FROM audit_entry
            WHERE at_ms >= @from AND at_ms < @to ORDER BY at_ms DESC, id DESC LIMIT @limit
            """,
            [
                new SqlArg("@from", from.ToUnixTimeMilliseconds()),
                new SqlArg("@to", to.ToUnixTimeMilliseconds()),
                new SqlArg("@limit", limit),
            ]);
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(new AuditEntry(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                reader.GetGuid(1),
                reader.GetString(2),
                (AuditAction)reader.GetInt32(3),
                reader.GetString(4),
                reader.GetString(5)));
        }

        return entries;
    }
}
