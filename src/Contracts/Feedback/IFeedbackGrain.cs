namespace Nettiturvakoti.Feedback;

/// <summary>Keeps and reads anonymous feedback (key 0; runs wherever it is called).</summary>
public interface IFeedbackGrain : IGrainWithIntegerKey
{
    /// <summary>Stores feedback for a chat and month. Throws <see cref="ErrorCodes.BadRequest"/> for a bad rating or comment.</summary>
    Task SubmitAsync(FeedbackEntry entry);

    /// <summary>The feedback of one chat and month, in no particular order (at most 5000).</summary>
    Task<IReadOnlyList<FeedbackEntry>> ReadAsync(string queueId, string month);
}
