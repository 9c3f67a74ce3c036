using Nettiturvakoti.Queues;

namespace Nettiturvakoti.Storage;

/// <summary>
/// The seekers waiting in each queue, one row each, so that a join or a take writes one row
/// however long the queue is.
/// </summary>
public sealed class WaitingListStore(ChatDatabase database, WriteBatcher writer)
{
    /// <summary>Stores a waiting seeker; does nothing when the conversation is already in the queue.</summary>
    public Task AddAsync(string queueId, WaitingSeeker seeker) =>
        writer.ExecuteAsync(
            """
            INSERT INTO waiting_seeker (queue_id, conversation_id, ticket, since_ms)
            VALUES (@queue, @conversation, @ticket, @since)
            ON CONFLICT DO NOTHING
            """,
            new SqlArg("@queue", queueId),
            new SqlArg("@conversation", seeker.ConversationId),
            new SqlArg("@ticket", seeker.Ticket),
            new SqlArg("@since", seeker.Since.ToUnixTimeMilliseconds()));

    /// <summary>Removes a conversation from a queue.</summary>
    public Task RemoveAsync(string queueId, Guid conversationId) =>
        writer.ExecuteAsync(
            "DELETE FROM waiting_seeker WHERE queue_id = @queue AND conversation_id = @conversation",
            new SqlArg("@queue", queueId),
            new SqlArg("@conversation", conversationId));

    /// <summary>A queue's waiting seekers, longest-waiting first.</summary>
    public async Task<List<WaitingSeeker>> ReadAsync(string queueId)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand(
            """
            SELECT conversation_id, ticket, since_ms FROM waiting_seeker
            WHERE queue_id = @queue ORDER BY ticket
            """,
            [new SqlArg("@queue", queueId)]);
        await using var reader = await command.ExecuteReaderAsync();
        var waiting = new List<WaitingSeeker>();
        while (await reader.ReadAsync())
        {
            waiting.Add(new WaitingSeeker(
                reader.GetGuid(0),
                reader.GetInt64(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return waiting;
    }
}
