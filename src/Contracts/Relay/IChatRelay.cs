using Nettiturvakoti.Conversations;
using Nettiturvakoti.Queues;

namespace Nettiturvakoti.Relay;

/// <summary>
/// A web front's receiver of grain events, which it passes on to its SignalR connections.
/// Delivery is best effort: clients catch up by sequence number, so a lost event delays an
/// update but loses nothing.
/// </summary>
public interface IChatRelay : IGrainObserver
{
    /// <summary>A conversation stored a new entry.</summary>
    [OneWay]
    Task OnEntryAsync(Guid conversationId, ChatEntry entry);

    /// <summary>
    /// A conversation changed status or counsellor. The view carries no seeker address.
    /// </summary>
    [OneWay]
    Task OnConversationChangedAsync(ConversationView view);

    /// <summary>The seeker's address changed, or was dropped (null); for the assigned counsellor only.</summary>
    [OneWay]
    Task OnSeekerAddressChangedAsync(Guid conversationId, string? address);

    /// <summary>One side of a conversation is typing.</summary>
    [OneWay]
    Task OnTypingAsync(Guid conversationId, Party who);

    /// <summary>A queue's waiting list changed.</summary>
    [OneWay]
    Task OnQueueChangedAsync(QueueChange change);
}
