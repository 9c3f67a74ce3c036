using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Nettiturvakoti.Queues;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.WebFront.Relay;

/// <summary>
/// This web front's copy of each queue's waiting list, kept current from the queue grains'
/// changes. Positions are answered from here, and one change costs one message per SignalR group
/// however many seekers wait: no grain call per waiting seeker.
/// </summary>
public sealed class QueueMirrors(
    IGrainFactory grains,
    IHubContext<SeekerHub> seekers,
    IHubContext<CounsellorHub> counsellors)
{
    /// <summary>How many of the longest-waiting seekers a console is given at once.</summary>
    public const int OverviewLength = 100;

    private readonly ConcurrentDictionary<string, Mirror> _mirrors = new();

    /// <summary>The queue's list as this web front holds it, loaded on first use.</summary>
    public async Task<QueueSnapshot> GetSnapshotAsync(string queueId)
    {
        var mirror = await GetLoadedAsync(queueId);
        lock (mirror)
        {
            return new QueueSnapshot(queueId, mirror.Version, [.. mirror.Waiting]);
        }
    }

    /// <summary>The first <see cref="OverviewLength"/> waiting seekers, the total and the version.</summary>
    public async Task<(long Version, int Waiting, IReadOnlyList<WaitingSeeker> Longest)> GetOverviewAsync(string queueId)
    {
        var mirror = await GetLoadedAsync(queueId);
        lock (mirror)
        {
            return (mirror.Version, mirror.Waiting.Count, mirror.Waiting.Take(OverviewLength).ToList());
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

        int waiting;
        lock (mirror)
        {
            if (!mirror.Loaded || change.Version == mirror.Version + 1)
            {
                mirror.Apply(change);
            }
            else if (change.Version <= mirror.Version && change.Version > mirror.Version - 10_000)
            {
                return; // Already part of the snapshot this mirror was loaded from.
            }
            else
            {
                mirror.Loaded = false;
            }

            waiting = mirror.Waiting.Count;
        }

        if (!mirror.Loaded)
        {
            await ReloadAsync(mirror);
            return;
        }

        await Task.WhenAll(
            seekers.Clients.Group(HubGroups.SeekersWaitingIn(change.QueueId)).SendAsync(
                ClientEvents.Queue,
                new SeekerQueueEvent(change.QueueId, change.Version, waiting, change.Joined?.Ticket, change.Left?.Ticket, false)),
            counsellors.Clients.Group(HubGroups.CounsellorsWatching(change.QueueId)).SendAsync(
                ClientEvents.Queue,
                new CounsellorQueueEvent(change.QueueId, change.Version, waiting, change.Joined, change.Left, false)));
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
            int waiting;
            lock (mirror)
            {
                mirror.Load(snapshot);
                waiting = mirror.Waiting.Count;
            }

            // Clients that held the old version ask again for their position or list.
            await Task.WhenAll(
                seekers.Clients.Group(HubGroups.SeekersWaitingIn(mirror.QueueId)).SendAsync(
                    ClientEvents.Queue, new SeekerQueueEvent(mirror.QueueId, snapshot.Version, waiting, null, null, true)),
                counsellors.Clients.Group(HubGroups.CounsellorsWatching(mirror.QueueId)).SendAsync(
                    ClientEvents.Queue, new CounsellorQueueEvent(mirror.QueueId, snapshot.Version, waiting, null, null, true)));
        }
        finally
        {
            mirror.ReloadGate.Release();
        }
    }

    private sealed class Mirror(string queueId)
    {
        private readonly Dictionary<Guid, WaitingSeeker> _byConversation = [];

        public string QueueId { get; } = queueId;

        public SemaphoreSlim ReloadGate { get; } = new(1, 1);

        public volatile bool Loaded;

        public long Version { get; private set; }

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
        }

        public QueuePlace? PlaceOf(Guid conversationId) =>
            _byConversation.TryGetValue(conversationId, out var seeker)
                ? new QueuePlace(QueueId, Version, seeker.Ticket, IndexOf(seeker.Ticket) + 1, Waiting.Count)
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
