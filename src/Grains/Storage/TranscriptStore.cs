using System.Data.Common;
using Nettiturvakoti.Conversations;

namespace Nettiturvakoti.Storage;

/// <summary>
/// A conversation's entries, one row each: storing a message inserts one row and never rewrites
/// the ones before it.
/// </summary>
public sealed class TranscriptStore(ChatDatabase database, WriteBatcher writer)
{
    /// <summary>
    /// Stores an entry durably. False when the conversation already has an entry with its sequence
    /// number (then nothing was written). A repeated client message id is the conversation grain's
    /// to answer: it holds the ids of every entry it has.
    /// </summary>
    public async Task<bool> AppendAsync(Guid conversationId, ChatEntry entry)
    {
        var inserted = await writer.ExecuteAsync(
            """
            INSERT INTO chat_entry (conversation_id, seq, kind, author, client_message_id, body, at_ms)
            VALUES (@conversation, @seq, @kind, @author, @clientId, @body, @at)
            ON CONFLICT DO NOTHING
            """,
            new SqlArg("@conversation", conversationId),
            new SqlArg("@seq", entry.Sequence),
            new SqlArg("@kind", (int)entry.Kind),
            new SqlArg("@author", (int)entry.Author),
            new SqlArg("@clientId", entry.ClientMessageId),
            new SqlArg("@body", entry.Text),
            new SqlArg("@at", entry.At.ToUnixTimeMilliseconds()));
        return inserted == 1;
    }

    /// <summary>Every stored entry of a conversation, in sequence order.</summary>
    public async Task<List<ChatEntry>> ReadAllAsync(Guid conversationId)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand(
            """
            SELECT seq, kind, author, client_message_id, body, at_ms
            FROM chat_entry WHERE conversation_id = @conversation ORDER BY seq
            """,
            [new SqlArg("@conversation", conversationId)]);
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<ChatEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    /// <summary>Deletes every entry of a conversation.</summary>
    public Task DeleteAsync(Guid conversationId) =>
        writer.ExecuteAsync(
            "DELETE FROM chat_entry WHERE conversation_id = @conversation",
            new SqlArg("@conversation", conversationId));

    private static ChatEntry ReadEntry(DbDataReader reader) => new(
        reader.GetInt64(0),
        (EntryKind)reader.GetInt32(1),
        (Party)reader.GetInt32(2),
        reader.GetString(3),
        reader.GetString(4),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
}
