using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Nettiturvakoti.Queues;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.WebFront.Relay;

/// <summary>
/// This web front's copy of each queue it watches (waiting list and status), kept current from
/// the queue grains' changes. Positions are answered from here, and one change costs one message
/// per SignalR group however many seekers wait: no grain call per waiting seeker.
/// </summary>
public sealed class QueueMirrors(
    IGrainFactory grains,
    IHubContext<SeekerHub> seekers,
    IHubContext<CounsellorHub> counsellors)
{
    /// <summary>How many of the longest-waiting seekers a console is given at once.</summary>
    public const int OverviewLength = 100;

    private readonly ConcurrentDictionary<string, Mirror> _mirrors = new();

    /// <summary>The queue's version, status and longest-waiting seekers, loaded on first use.</summary>
    public async Task<(long Version, QueueStatus Status, IReadOnlyList<WaitingSeeker> Longest)> GetOverviewAsync(string queueId)
    {
        var mirror = await GetLoadedAsync(queueId);
        lock (mirror)
        {
            return (mirror.Version, mirror.Status!, mirror.Waiting.Take(OverviewLength).ToList());
        }
    }

    /// <summary>The queue's status as this web front holds it.</summary>
    public async Task<QueueStatus> GetStatusAsync(string queueId)
    {
        var mirror = await GetLoadedAsync(queueId);
        lock (mirror)
        {
            return mirror.Status!;
        }
    }

    /// <summary>
    /// Where a conversation stands in its queue, or null when it is not waiting there. A seeker who
    /// joined a moment ago may not have reached this copy yet: then the queue grain is asked.
    /// </summary>
    public async Task<QueuePlace?> GetPlaceAsync(string queueId, Guid conversationId)
    {
        var mirror = await GetLoadedAsync(queueId);
        lock (mirror)
        {
            if (mirror.PlaceOf(conversationId) is { } place)
            {
                return place;
            }
        }

        return await grains.GetGrain<IQueueGrain>(queueId).GetPlaceAsync(conversationId);
    }

    /// <summary>Applies a change from a queue grain and passes it on to the clients watching the queue.</summary>
    public async Task ApplyAsync(QueueChange change)
    {
        if (!_mirrors.TryGetValue(change.QueueId, out var mirror))
        {
            return;
        }

        lock (mirror)
        {
            if (!mirror.Loaded)
            {
                return; // A reload is under way and will bring this change with it.
            }

            if (change.Version <= mirror.Version && change.Version > mirror.Version - 10_000)
            {
                return; // Already part of the snapshot this mirror was loaded from.
            }

            if (change.Version == mirror.Version + 1)
            {
                mirror.Apply(change);
            }
            else
            {
                mirror.Loaded = false;
            }
        }

        if (!mirror.Loaded)
        {
            await ReloadAsync(mirror);
            return;
        }

        await BroadcastAsync(change.QueueId, change.Version, change.Joined, change.Left, reset: false, change.Status);
    }

    private async Task<Mirror> GetLoadedAsync(string queueId)
    {
        var mirror = _mirrors.GetOrAdd(queueId, id => new Mirror(id));
        if (!mirror.Loaded)
        {
            await ReloadAsync(mirror);
        }

        return mirror;
    }

    private async Task ReloadAsync(Mirror mirror)
    {
        await mirror.ReloadGate.WaitAsync();
        try
        {
            if (mirror.Loaded)
            {
                return;
            }

            var snapshot = await grains.GetGrain<IQueueGrain>(mirror.QueueId).GetSnapshotAsync();
            lock (mirror)
            {
                mirror.Load(snapshot);
            }

            // Clients that held the old version ask again for their position or list.
            await BroadcastAsync(mirror.QueueId, snapshot.Version, null, null, reset: true, snapshot.Status);
        }
        finally
        {
            mirror.ReloadGate.Release();
        }
    }

    private Task BroadcastAsync(
        string queueId, long version, WaitingSeeker? joined, WaitingSeeker? left, bool reset, QueueStatus status) =>
        Task.WhenAll(
            seekers.Clients.Group(HubGroups.SeekersWaitingIn(queueId)).SendAsync(
                ClientEvents.Queue, new SeekerQueueEvent(queueId, version, joined?.Ticket, left?.Ticket, reset, status)),
            counsellors.Clients.Group(HubGroups.CounsellorsWatching(queueId)).SendAsync(
                ClientEvents.Queue, new CounsellorQueueEvent(queueId, version, joined, left, reset, status)));

    private sealed class Mirror(string queueId)
    {
        private readonly Dictionary<Guid, WaitingSeeker> _byConversation = [];

        public string QueueId { get; } = queueId;

        public SemaphoreSlim ReloadGate { get; } = new(1, 1);

        public volatile bool Loaded;

        public long Version { get; private set; }

        public QueueStatus? Status { get; private set; }

        // Sorted by ticket; joins come with the highest ticket, so they append.
        public List<WaitingSeeker> Waiting { get; } = [];

        public void Load(QueueSnapshot snapshot)
        {
            Waiting.Clear();
            _byConversation.Clear();
            foreach (var seeker in snapshot.Waiting)
            {
                Add(seeker);
            }

            Version = snapshot.Version;
            Status = snapshot.Status;
            Loaded = true;
        }

        public void Apply(QueueChange change)
        {
            if (change.Left is { } left && _byConversation.Remove(left.ConversationId, out var known))
            {
                Waiting.RemoveAt(IndexOf(known.Ticket));
            }

            if (change.Joined is { } joined && !_byConversation.ContainsKey(joined.ConversationId))
            {
                Add(joined);
            }

            Version = change.Version;
            Status = change.Status;
        }

        public QueuePlace? PlaceOf(Guid conversationId) =>
            _byConversation.TryGetValue(conversationId, out var seeker)
                ? new QueuePlace(QueueId, Version, seeker.Ticket, IndexOf(seeker.Ticket) + 1, Status!)
                : null;

        private void Add(WaitingSeeker seeker)
        {
            var index = ~IndexOf(seeker.Ticket);
            Waiting.Insert(index < 0 ? Waiting.Count : index, seeker);
            _byConversation[seeker.ConversationId] = seeker;
        }

        private int IndexOf(long ticket)
        {
            int low = 0, high = Waiting.Count - 1;
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                var found = Waiting[middle].Ticket;
                if (found == ticket)
                {
                    return middle;
                }

                if (found < ticket)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return ~low;
        }
    }
}
