using Nettiturvakoti.Queues;

namespace Nettiturvakoti.WebFront.Relay;

/// <summary>
/// The chat catalog as this web front last read it, for at most <see cref="MaxAge"/>: every
/// seeker's page asks for the chats, and one grain serves the whole cluster. A supervisor's change
/// reaches every web front within that time.
/// </summary>
public sealed class ChatCatalogCache(IGrainFactory grains, TimeProvider time) : IDisposable
{
    /// <summary>How long a read of the catalog is used.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (IReadOnlyList<ChatDefinition> Chats, DateTimeOffset ReadAt)? _last;

    /// <summary>The chats that are not retired.</summary>
    public async Task<IReadOnlyList<ChatDefinition>> GetChatsAsync()
    {
        if (_last is { } fresh && time.GetUtcNow() - fresh.ReadAt < MaxAge)
        {
            return fresh.Chats;
        }

        await _gate.WaitAsync();
        try
        {
            if (_last is { } again && time.GetUtcNow() - again.ReadAt < MaxAge)
            {
                return again.Chats;
            }

            var chats = await grains.GetGrain<IChatCatalogGrain>(0).GetChatsAsync();
            _last = (chats, time.GetUtcNow());
            return chats;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The chat with this id if it is offered, else null. An id not in the last read may be a chat
    /// added since: the catalog is read again, but at most once a second.
    /// </summary>
    public async Task<ChatDefinition?> FindAsync(string? queueId)
    {
        if (queueId is not { Length: > 0 and <= 32 })
        {
            return null;
        }

        var found = (await GetChatsAsync()).FirstOrDefault(c => c.Id == queueId);
        if (found is null && _last is { } last && time.GetUtcNow() - last.ReadAt >= TimeSpan.FromSeconds(1))
        {
            Invalidate();
            found = (await GetChatsAsync()).FirstOrDefault(c => c.Id == queueId);
        }

        return found;
    }

    /// <summary>Forgets the last read, so the next call reads the catalog again.</summary>
    public void Invalidate() => _last = null;

    public void Dispose() => _gate.Dispose();
}
