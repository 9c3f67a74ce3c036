using Microsoft.AspNetCore.SignalR;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Relay;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.WebFront.Relay;

/// <summary>
/// Receives grain events for this web front and passes each to the SignalR connections it concerns:
/// the seeker of a conversation, and only the counsellor assigned to it now.
/// </summary>
public sealed partial class ChatRelay(
    IHubContext<SeekerHub> seekers,
    IHubContext<CounsellorHub> counsellors,
    QueueMirrors queues,
    WaitingSeekers waiting,
    ILogger<ChatRelay> logger) : IChatRelay
{
    public Task OnEntryAsync(Guid conversationId, Guid? counsellorId, ChatEntry entry, string? senderConnectionId)
    {
        // The connection the message came on has the answer; only the sender's side can hold it.
        var bySeeker = entry.Author == Party.Seeker ? senderConnectionId : null;
        var byCounsellor = entry.Author == Party.Counsellor ? senderConnectionId : null;
        var toSeeker = bySeeker is null
            ? seekers.Clients.Group(HubGroups.SeekerOf(conversationId))
            : seekers.Clients.GroupExcept(HubGroups.SeekerOf(conversationId), bySeeker);
        return Deliver(
            toSeeker.SendAsync(ClientEvents.Entry, conversationId, entry),
            ToCounsellor(conversationId, counsellorId, ClientEvents.Entry, [conversationId, entry], byCounsellor));
    }

    public Task OnConversationChangedAsync(ConversationView view, Guid? counsellorId) =>
        Deliver(
            seekers.Clients.Group(HubGroups.SeekerOf(view.Id)).SendAsync(ClientEvents.Conversation, view),
            ToCounsellor(view.Id, counsellorId, ClientEvents.Conversation, [view]),
            StopWatchingQueue(view));

    public Task OnSeekerAddressChangedAsync(Guid conversationId, Guid counsellorId, string? address) =>
        Deliver(ToCounsellor(conversationId, counsellorId, ClientEvents.SeekerAddress, [conversationId, address]));

    public Task OnTypingAsync(Guid conversationId, Guid? counsellorId, Party who) =>
        Deliver(who == Party.Seeker
            ? ToCounsellor(conversationId, counsellorId, ClientEvents.Typing, [conversationId, who])
            : seekers.Clients.Group(HubGroups.SeekerOf(conversationId)).SendAsync(ClientEvents.Typing, conversationId, who));

    public Task OnQueueChangedAsync(QueueChange change) => Deliver(queues.ApplyAsync(change));

    public Task OnCounsellorChangedAsync(CounsellorStatus status) =>
        Deliver(counsellors.Clients.Group(HubGroups.Counsellor(status.AccountId)).SendAsync(ClientEvents.CounsellorStatus, status));

    // A seeker who no longer waits gets no more of the queue's changes.
    private async Task StopWatchingQueue(ConversationView view)
    {
        if (view.Status != ConversationStatus.Waiting && waiting.Stop(view.Id) is { } stopped)
        {
            foreach (var connection in stopped.Connections)
            {
                await seekers.Groups.RemoveFromGroupAsync(connection, HubGroups.SeekersWaitingIn(stopped.QueueId));
            }
        }
    }

    private Task ToCounsellor(Guid conversationId, Guid? counsellorId, string name, object?[] args, string? exceptConnectionId = null)
    {
        if (counsellorId is not { } id)
        {
            return Task.CompletedTask;
        }

        var group = HubGroups.CounsellorOf(conversationId, id);
        var clients = exceptConnectionId is null
            ? counsellors.Clients.Group(group)
            : counsellors.Clients.GroupExcept(group, exceptConnectionId);
        return clients.SendCoreAsync(name, args);
    }

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
