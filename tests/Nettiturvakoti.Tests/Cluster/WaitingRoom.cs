using Nettiturvakoti.Conversations;
using Nettiturvakoti.Queues;

namespace Nettiturvakoti.Tests.Cluster;

/// <summary>Seekers waiting in one queue, none taken, with the places they were given; disposed with the cluster.</summary>
public sealed class WaitingRoom
{
    private readonly List<(ChatParty Seeker, QueuePlace Place)> _seekers = [];

    private WaitingRoom(string queueId) => QueueId = queueId;

    public string QueueId { get; }

    /// <summary>Starts <paramref name="count"/> seekers in <paramref name="queueId"/>, one after another, on alternate web fronts.</summary>
    public static async Task<WaitingRoom> FillAsync(TestCluster cluster, string queueId, int count)
    {
        var room = new WaitingRoom(queueId);
        for (var i = 0; i < count; i++)
        {
            var seeker = cluster.Track(await ChatParty.ConnectAsync(
                $"waiting{i + 1}", Party.Seeker, cluster.FrontDoor, i % cluster.FrontDoor.Fronts.Count, cluster.Clock));
            var started = await seeker.StartChatAsync(queueId);
            room._seekers.Add((seeker, started.Position ?? throw new InvalidOperationException("The seeker got no place.")));
        }

        Assert.Equal(Enumerable.Range(1, count), room._seekers.Select(s => s.Place.Position));
        return room;
    }

    /// <summary>
    /// Every seeker still has the ticket and position they started with, as their web front tells
    /// them and as the queue grain itself holds them.
    /// </summary>
    public async Task VerifyPlacesKeptAsync(TestCluster cluster, TimeSpan within)
    {
        var queue = cluster.Client.GetGrain<IQueueGrain>(QueueId);
        foreach (var (seeker, place) in _seekers)
        {
            var told = await seeker.GetPositionAsync(within);
            Assert.True(told is not null, $"{seeker.Name} is no longer waiting.");
            Assert.Equal((place.Ticket, place.Position), (told!.Ticket, told.Position));

            var held = await queue.GetPlaceAsync(seeker.ConversationId);
            Assert.Equal((place.Ticket, place.Position), (held!.Ticket, held.Position));
        }

        Assert.Equal(_seekers.Count, (await queue.GetSnapshotAsync()).Waiting.Count);
    }
}
