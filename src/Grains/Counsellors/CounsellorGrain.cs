using Nettiturvakoti.Accounts;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Queues;

namespace Nettiturvakoti.Counsellors;

internal sealed class CounsellorGrain(
    [PersistentState("counsellor", StorageNames.Chat)] IPersistentState<CounsellorState> state)
    : Grain, ICounsellorGrain
{
    private Guid AccountId => this.GetPrimaryKey();

    public async Task<ConversationView> TakeAsync(string queueId, Guid? conversationId)
    {
        var account = await GrainFactory.GetGrain<IAccountGrain>(AccountId).GetAsync();
        if (account is null || account.Disabled || !account.Roles.HasFlag(AccountRoles.Counsellor))
        {
            throw new ChatRuleException(ErrorCodes.NotQualified, "Only counsellors can take chats.");
        }

        var chat = await GrainFactory.GetGrain<IChatCatalogGrain>(0).FindAsync(queueId ?? "")
            ?? throw new ChatRuleException(ErrorCodes.UnknownQueue, "There is no chat with that id.");
        if (chat.RequiresQualification && !account.Queues.Contains(chat.Id))
        {
            throw new ChatRuleException(ErrorCodes.NotQualified, "You do not serve this chat.");
        }

        var view = await GrainFactory.GetGrain<IQueueGrain>(chat.Id)
            .TakeAsync(new CounsellorRef(AccountId, account.ChatName), conversationId)
            ?? throw new ChatRuleException(ErrorCodes.NoLongerWaiting, "Nobody is waiting there now.");

        if (!state.State.ActiveConversations.Contains(view.Id))
        {
            state.State.ActiveConversations.Add(view.Id);
            await state.WriteStateAsync();
        }

        return view;
    }

    public Task<IReadOnlyList<Guid>> GetActiveConversationsAsync() =>
        Task.FromResult<IReadOnlyList<Guid>>([.. state.State.ActiveConversations]);

    public async Task ConversationEndedAsync(Guid conversationId)
    {
        if (state.State.ActiveConversations.Remove(conversationId))
        {
            await state.WriteStateAsync();
        }
    }
}
