namespace Nettiturvakoti.Queues;

/// <summary>
/// The list of chats (queues) the service offers, one for the whole cluster (key 0). Starts with
/// the service's three chats.
/// </summary>
public interface IChatCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Every chat that is not retired, in display order.</summary>
    Task<IReadOnlyList<ChatDefinition>> GetChatsAsync();

    /// <summary>The chat with <paramref name="queueId"/>, or null when there is none.</summary>
    Task<ChatDefinition?> FindAsync(string queueId);
}
