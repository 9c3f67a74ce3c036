using Nettiturvakoti.Storage;

namespace Nettiturvakoti.Feedback;

[StatelessWorker]
internal sealed class FeedbackGrain(FeedbackStore store) : Grain, IFeedbackGrain
{
    public Task SubmitAsync(FeedbackEntry entry)
    {
        FeedbackRules.Check(entry.Rating, entry.Comment);
        return store.AddAsync(entry with { Comment = entry.Comment ?? "" });
    }

    public async Task<IReadOnlyList<FeedbackEntry>> ReadAsync(string queueId, string month) =>
        await store.ReadAsync(queueId ?? "", month ?? "", 5000);
}
