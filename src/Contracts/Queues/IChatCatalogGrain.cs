namespace Nettiturvakoti.Queues;

/// <summary>
/// The chats the service offers, one for the whole cluster (key 0). Starts with the service's
/// three chats and the Finnish public holidays; supervisors change it at run time.
/// </summary>
public interface IChatCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Every chat, in display order; retired ones only when <paramref name="includeRetired"/>.</summary>
    Task<IReadOnlyList<ChatDefinition>> GetChatsAsync(bool includeRetired = false);

    /// <summary>The chat with <paramref name="queueId"/> (retired or not), or null when there is none.</summary>
    Task<ChatDefinition?> FindAsync(string queueId);

    /// <summary>
    /// Adds a chat, or replaces the one with the same id (hours, names, languages, rules). The
    /// chat's queue applies the change at once. Throws <see cref="ErrorCodes.BadRequest"/> for a
    /// definition that breaks <see cref="ChatRules"/>.
    /// </summary>
    Task<ChatDefinition> SaveChatAsync(ChatDefinition chat);

    /// <summary>
    /// Retires a chat: it is no longer offered and admits nobody; those already waiting are still
    /// served. Throws <see cref="ErrorCodes.UnknownQueue"/> for an unknown id.
    /// </summary>
    Task RetireChatAsync(string queueId);
}
