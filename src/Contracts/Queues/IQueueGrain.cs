using Nettiturvakoti.Conversations;
using Nettiturvakoti.Relay;

namespace Nettiturvakoti.Queues;

/// <summary>
/// The waiting list of one chat, keyed by the chat's id. Seekers are taken oldest first, and
/// each by one counsellor only: the queue is the single place that hands a seeker out. It also
/// keeps the chat's hours: it admits seekers only while the chat admits, and up to its cap.
/// </summary>
public interface IQueueGrain : IGrainWithStringKey
{
    /// <summary>
    /// Puts a conversation at the end of the queue (or keeps its place if it is already there).
    /// Throws <see cref="ErrorCodes.UnknownQueue"/> when no chat has this id,
    /// <see cref="ErrorCodes.ChatClosed"/> when the chat does not admit now (closed, closing soon,
    /// retired) and <see cref="ErrorCodes.ChatFull"/> when the queue is at its cap.
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

    /// <summary>The longest-waiting seeker, or null when nobody waits.</summary>
    Task<WaitingSeeker?> GetOldestAsync();

    /// <summary>
    /// Where <paramref name="conversationId"/> stands in the queue now, or null when it is not
    /// waiting here.
    /// </summary>
    Task<QueuePlace?> GetPlaceAsync(Guid conversationId);

    /// <summary>The whole waiting list, longest-waiting first, with its version and status.</summary>
    Task<QueueSnapshot> GetSnapshotAsync();

    /// <summary>
    /// Tells the queue that the pages of these waiting seekers are still open. A web front sends
    /// this for its own seekers twice a minute; a seeker not heard of for the grace period is
    /// taken out of the queue and their conversation ended.
    /// </summary>
    [OneWay]
    Task SeekersPresentAsync(IReadOnlyList<Guid> conversationIds);

    /// <summary>The chat's definition changed: its hours and rules apply from now.</summary>
    [OneWay]
    Task ChatChangedAsync(ChatDefinition chat);

    /// <summary>
    /// Subscribes a web front's relay to this queue's changes until <see cref="RelayLease.Duration"/>
    /// passes without a renewal. Throws <see cref="ErrorCodes.UnknownQueue"/> when no chat has this id.
    /// </summary>
    Task SubscribeAsync(IChatRelay relay);

    /// <summary>Stops sending changes to <paramref name="relay"/>.</summary>
    Task UnsubscribeAsync(IChatRelay relay);
}
