using Nettiturvakoti.Conversations;
using Nettiturvakoti.Relay;

namespace Nettiturvakoti.Queues;

/// <summary>
/// The waiting list of one chat, keyed by the chat's id. Seekers are taken oldest first, and
/// each by one counsellor only: the queue is the single place that hands a seeker out.
/// </summary>
public interface IQueueGrain : IGrainWithStringKey
{
    /// <summary>
    /// Puts a conversation at the end of the queue (or keeps its place if it is already there).
    /// Throws <see cref="ErrorCodes.UnknownQueue"/> when no chat has this queue's id.
    /// </summary>
    Task<WaitingSeeker> EnqueueAsync(Guid conversationId);

    /// <summary>Removes a conversation that stopped waiting. Removing an absent one does nothing.</summary>
    [OneWay]
    Task RemoveAsync(Guid conversationId);

    /// <summary>
    /// Gives <paramref name="counsellor"/> the seeker of <paramref name="conversationId"/>, or the
    /// longest-waiting seeker when it is null. Entries whose seekers have gone are dropped on the way.
    /// </summary>
    /// <returns>The conversation as the counsellor sees it, or null when nobody (or not that seeker) waits.</returns>
    Task<ConversationView?> TakeAsync(CounsellorRef counsellor, Guid? conversationId);

    /// <summary>
    /// Where <paramref name="conversationId"/> stands in the queue at the current version, or null
    /// when it is not waiting here.
    /// </summary>
    Task<QueuePlace?> GetPlaceAsync(Guid conversationId);

    /// <summary>The whole waiting list, longest-waiting first, with its version.</summary>
    Task<QueueSnapshot> GetSnapshotAsync();

    /// <summary>
    /// Subscribes a web front's relay to this queue's changes until <see cref="RelayLease.Duration"/>
    /// passes without a renewal. Throws <see cref="ErrorCodes.UnknownQueue"/> when no chat has this queue's id.
    /// </summary>
    Task SubscribeAsync(IChatRelay relay);

    /// <summary>Stops sending changes to <paramref name="relay"/>.</summary>
    Task UnsubscribeAsync(IChatRelay relay);
}
