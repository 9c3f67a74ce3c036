using Nettiturvakoti.Queues;

namespace Nettiturvakoti.WebFront.Pages.Supervisor;

public sealed class ChatsModel(IGrainFactory grains) : SupervisorPageModel(grains)
{
    public IReadOnlyList<ChatDefinition> Chats { get; private set; } = [];

    public async Task OnGetAsync() => Chats = await Grains.GetGrain<IChatCatalogGrain>(0).GetChatsAsync(includeRetired: true);
}
