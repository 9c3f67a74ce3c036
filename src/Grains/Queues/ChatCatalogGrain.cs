namespace Nettiturvakoti.Queues;

internal sealed class ChatCatalogGrain(
    [PersistentState("catalog", StorageNames.Chat)] IPersistentState<ChatCatalogState> state,
    TimeProvider time)
    : Grain, IChatCatalogGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            state.State.Chats = DefaultChats.Create(ChatSchedule.DateAt(time.GetUtcNow()).Year);
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task<IReadOnlyList<ChatDefinition>> GetChatsAsync(bool includeRetired = false) =>
        Task.FromResult<IReadOnlyList<ChatDefinition>>([.. state.State.Chats.Where(c => includeRetired || !c.Retired)]);

    public Task<ChatDefinition?> FindAsync(string queueId) =>
        Task.FromResult(state.State.Chats.Find(c => c.Id == queueId));

    public async Task<ChatDefinition> SaveChatAsync(ChatDefinition chat)
    {
        ChatRules.Check(chat);
        var index = state.State.Chats.FindIndex(c => c.Id == chat.Id);
        if (index >= 0)
        {
            state.State.Chats[index] = chat;
        }
        else
        {
            state.State.Chats.Add(chat);
        }

        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IQueueGrain>(chat.Id).ChatChangedAsync(chat);
        return chat;
    }

    public async Task RetireChatAsync(string queueId)
    {
        var chat = state.State.Chats.Find(c => c.Id == queueId)
            ?? throw new ChatRuleException(ErrorCodes.UnknownQueue, "There is no chat with that id.");
        await SaveChatAsync(chat with { Retired = true });
    }
}
