using Nettiturvakoti.Feedback;

namespace Nettiturvakoti.Storage;

/// <summary>
/// Anonymous feedback, one row each under a random id: the chat, the month, the rating and the
/// words. Nothing in a row, not even its id or position, points to a conversation or a moment.
/// </summary>
public sealed class FeedbackStore(ChatDatabase database, WriteBatcher writer)
{
    /// <summary>Stores one piece of feedback durably.</summary>
    public Task AddAsync(FeedbackEntry entry) =>
        writer.ExecuteAsync(
            "INSERT INTO feedback (id, queue_id, month, rating, comment) VALUES (@id, @queue, @month, @rating, @comment)",
            new SqlArg("@id", Guid.NewGuid()),
            new SqlArg("@queue", entry.QueueId),
            new SqlArg("@month", entry.Month),
            new SqlArg("@rating", entry.Rating),
            new SqlArg("@comment", entry.Comment));

    /// <summary>The feedback of one chat and month, ordered by its random id.</summary>
    public async Task<List<FeedbackEntry>> ReadAsync(string queueId, string month, int limit)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand(
            "SELECT queue_id, month, rating, comment FROM feedback WHERE queue_id = @queue AND month = @month ORDER BY id LIMIT @limit",
            [new SqlArg("@queue", queueId), new SqlArg("@month", month), new SqlArg("@limit", limit)]);
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<FeedbackEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(new FeedbackEntry(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return entries;
    }
}
