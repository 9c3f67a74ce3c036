namespace Nettiturvakoti.Queues;

/// <summary>The chats the service offers.</summary>
[GenerateSerializer, Alias("ntk.ChatCatalogState")]
public sealed class ChatCatalogState
{
    [Id(0)]
    public List<ChatDefinition> Chats { get; set; } = [];
}
