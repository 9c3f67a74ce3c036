using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;

namespace Nettiturvakoti.Relay;

/// <summary>
/// A web front's receiver of grain events, which it passes on to its SignalR connections.
/// Delivery is best effort: clients catch up by sequence number, so a lost event delays an
/// update but loses nothing.
/// </summary>
public interface IChatRelay : IGrainObserver
{
    /// <summary>
    /// A conversation stored a new entry. <paramref name="counsellorId"/> is the counsellor assigned
    /// now, the only one who may see it (besides the seeker). <paramref name="senderConnectionId"/>,
    /// when set, is the connection the entry was sent on: it has the answer and is left out.
    /// </summary>
    [OneWay]
    Task OnEntryAsync(Guid conversationId, Guid? counsellorId, ChatEntry entry, string? senderConnectionId);

    /// <summary>
    /// A conversation changed status or counsellor. The view carries no seeker address.
    /// </summary>
    [OneWay]
    Task OnConversationChangedAsync(ConversationView view, Guid? counsellorId);

    /// <summary>The seeker's address changed, or was dropped (null); for the assigned counsellor only.</summary>
    [OneWay]
    Task OnSeekerAddressChangedAsync(Guid conversationId, Guid counsellorId, string? address);

    /// <summary>One side of a conversation is typing.</summary>
    [OneWay]
    Task OnTypingAsync(Guid conversationId, Guid? counsellorId, Party who);

    /// <summary>A queue's waiting list or status changed.</summary>
    [OneWay]
    Task OnQueueChangedAsync(QueueChange change);

    /// <summary>A counsellor's status changed (availability, conversations held).</summary>
    [OneWay]
    Task OnCounsellorChangedAsync(CounsellorStatus status);
}
