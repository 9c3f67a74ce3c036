using System.Collections.Concurrent;

namespace Nettiturvakoti.WebFront.Relay;

/// <summary>
/// The seekers waiting in a queue whose pages are connected to this web front, by conversation,
/// with their connections: for telling queues who is still there, and for taking connections out
/// of the queue's group once their seeker stops waiting.
/// </summary>
public sealed class WaitingSeekers
{
    private readonly ConcurrentDictionary<Guid, Waiting> _byConversation = new();

    /// <summary>A connection holds the page of a seeker waiting in <paramref name="queueId"/>.</summary>
    public void Add(string queueId, Guid conversationId, string connectionId)
    {
        var waiting = _byConversation.GetOrAdd(conversationId, _ => new Waiting(queueId));
        lock (waiting)
        {
            waiting.Connections.Add(connectionId);
        }
    }

    /// <summary>That connection closed or moved on.</summary>
    public void Remove(Guid conversationId, string connectionId)
    {
        if (_byConversation.TryGetValue(conversationId, out var waiting))
        {
            lock (waiting)
            {
                waiting.Connections.Remove(connectionId);
                if (waiting.Connections.Count == 0)
                {
                    _byConversation.TryRemove(new KeyValuePair<Guid, Waiting>(conversationId, waiting));
                }
            }
        }
    }

    /// <summary>The seeker stopped waiting (taken, left, gone): forgets them and returns their queue and connections.</summary>
    public (string QueueId, IReadOnlyList<string> Connections)? Stop(Guid conversationId)
    {
        if (!_byConversation.TryRemove(conversationId, out var waiting))
        {
            return null;
        }

        lock (waiting)
        {
            return (waiting.QueueId, [.. waiting.Connections]);
        }
    }

    /// <summary>The waiting conversations connected here, by queue.</summary>
    public IEnumerable<IGrouping<string, Guid>> ByQueue() =>
        _byConversation.Select(w => (w.Value.QueueId, w.Key)).GroupBy(w => w.QueueId, w => w.Key);

    private sealed class Waiting(string queueId)
    {
        public string QueueId { get; } = queueId;

        public HashSet<string> Connections { get; } = [];
    }
}
