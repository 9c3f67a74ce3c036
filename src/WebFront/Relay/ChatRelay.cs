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
        return Deliver(
            GroupBut(seekers.Clients, HubGroups.SeekerOf(conversationId), bySeeker)
                .SendAsync(ClientEvents.Entry, conversationId, entry),
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

    private Task ToCounsellor(
        Guid conversationId, Guid? counsellorId, string name, object?[] args, string? exceptConnectionId = null) =>
        counsellorId is { } id
            ? GroupBut(counsellors.Clients, HubGroups.CounsellorOf(conversationId, id), exceptConnectionId)
                .SendCoreAsync(name, args)
            : Task.CompletedTask;

    private static IClientProxy GroupBut(IHubClients clients, string group, string? exceptConnectionId) =>
        exceptConnectionId is null ? clients.Group(group) : clients.GroupExcept(group, exceptConnectionId);

    // A message's two sends usually finish at once, written to the connections' buffers: then
    // there is nothing to wait for, and no combined task to make for every message.
    private Task Deliver(Task first, Task second) =>
        first.IsCompletedSuccessfully && second.IsCompletedSuccessfully ? Task.CompletedTask : Deliver([first, second]);

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
