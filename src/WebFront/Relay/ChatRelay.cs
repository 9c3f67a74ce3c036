using Microsoft.AspNetCore.SignalR;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Relay;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.WebFront.Relay;

/// <summary>
/// Receives grain events for this web front and passes each to the SignalR connections it concerns.
/// </summary>
public sealed partial class ChatRelay(
    IHubContext<SeekerHub> seekers,
    IHubContext<CounsellorHub> counsellors,
    QueueMirrors queues,
    ILogger<ChatRelay> logger) : IChatRelay
{
    public Task OnEntryAsync(Guid conversationId, ChatEntry entry) =>
        Deliver(
            seekers.Clients.Group(HubGroups.SeekerOf(conversationId)).SendAsync(ClientEvents.Entry, conversationId, entry),
            counsellors.Clients.Group(HubGroups.CounsellorOf(conversationId)).SendAsync(ClientEvents.Entry, conversationId, entry));

    public Task OnConversationChangedAsync(ConversationView view) =>
        Deliver(
            seekers.Clients.Group(HubGroups.SeekerOf(view.Id)).SendAsync(ClientEvents.Conversation, view),
            counsellors.Clients.Group(HubGroups.CounsellorOf(view.Id)).SendAsync(ClientEvents.Conversation, view));

    public Task OnSeekerAddressChangedAsync(Guid conversationId, string? address) =>
        Deliver(counsellors.Clients.Group(HubGroups.CounsellorOf(conversationId))
            .SendAsync(ClientEvents.SeekerAddress, conversationId, address));

    public Task OnTypingAsync(Guid conversationId, Party who) =>
        Deliver(who == Party.Seeker
            ? counsellors.Clients.Group(HubGroups.CounsellorOf(conversationId)).SendAsync(ClientEvents.Typing, conversationId, who)
            : seekers.Clients.Group(HubGroups.SeekerOf(conversationId)).SendAsync(ClientEvents.Typing, conversationId, who));

    public Task OnQueueChangedAsync(QueueChange change) => Deliver(queues.ApplyAsync(change));

    private async Task Deliver(params Task[] sends)
    {
        try
        {
            await Task.WhenAll(sends);
        }
        catch (Exception error)
        {
            LogDeliveryFailed(logger, error);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Could not pass a grain event to SignalR clients")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception error);
}
