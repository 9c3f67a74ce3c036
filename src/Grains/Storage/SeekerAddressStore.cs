namespace Nettiturvakoti.Storage;

/// <summary>
/// The one place a seeker's IP address is stored: one row per conversation in progress, deleted
/// when the conversation ends, and the whole table emptied by the monthly purge.
/// </summary>
public sealed class SeekerAddressStore(ChatDatabase database, WriteBatcher writer)
{
    /// <summary>Sets (or with null, deletes) the address of a conversation's seeker.</summary>
    public Task SetAsync(Guid conversationId, string? address) =>
        address is null
            ? DeleteAsync(conversationId)
            : writer.ExecuteAsync(
                """
                INSERT INTO seeker_address (conversation_id, address) VALUES (@conversation, @address)
                ON CONFLICT (conversation_id) DO UPDATE SET address = excluded.address
                """,
                new SqlArg("@conversation", conversationId),
                new SqlArg("@address", address));

    /// <summary>The address of a conversation's seeker, or null.</summary>
    public async Task<string?> GetAsync(Guid conversationId)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand(
            "SELECT address FROM seeker_address WHERE conversation_id = @conversation",
            [new SqlArg("@conversation", conversationId)]);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>Deletes the address of a conversation's seeker.</summary>
    public Task DeleteAsync(Guid conversationId) =>
        writer.ExecuteAsync(
            "DELETE FROM seeker_address WHERE conversation_id = @conversation",
            new SqlArg("@conversation", conversationId));

    /// <summary>Deletes every stored address; returns how many there were.</summary>
    public Task<int> DeleteAllAsync() => writer.ExecuteAsync("DELETE FROM seeker_address");
}
