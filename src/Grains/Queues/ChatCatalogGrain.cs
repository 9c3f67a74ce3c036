namespace Nettiturvakoti.Queues;

internal sealed class ChatCatalogGrain(
    [PersistentState("catalog", StorageNames.Chat)] IPersistentState<ChatCatalogState> state)
    : Grain, IChatCatalogGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            state.State.Chats = DefaultChats.Create();
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task<IReadOnlyList<ChatDefinition>> GetChatsAsync() =>
        Task.FromResult<IReadOnlyList<ChatDefinition>>([.. state.State.Chats]);

    public Task<ChatDefinition?> FindAsync(string queueId) =>
        Task.FromResult(state.State.Chats.Find(c => c.Id == queueId));
}
