using System.Globalization;
using System.Security.Cryptography;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.Statistics;
using Nettiturvakoti.Topics;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Relay;

namespace Nettiturvakoti.Counsellors;

internal sealed partial class CounsellorGrain(
    [PersistentState("counsellor", StorageNames.Chat)] IPersistentState<CounsellorState> state,
    TimeProvider time,
    ILogger<CounsellorGrain> logger)
    : Grain, ICounsellorGrain
{
    // Taking the next seeker races other counsellors; a lost race just looks again.
    private const int TakeNextAttempts = 10;

    private readonly RelaySet _relays = new(time);

    private Guid AccountId => this.GetPrimaryKey();

    private CounsellorState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _relays.Restore(State.Relays);
        return Task.CompletedTask;
    }

    public async Task<CounsellorStatus> GetStatusAsync() => Status(await AccountAsync());

    public async Task<CounsellorStatus> SetAvailableAsync(bool available)
    {
        var account = await AccountAsync();
        if (State.Available != available)
        {
            State.Available = available;
            await state.WriteStateAsync();
            PushStatus(account);
        }

        return Status(account);
    }

    public async Task<ConversationView> TakeAsync(string queueId, Guid? conversationId)
    {
        var account = await AccountAsync();
        var chat = await GrainFactory.GetGrain<IChatCatalogGrain>(0).FindAsync(queueId ?? "")
            ?? throw new ChatRuleException(ErrorCodes.UnknownQueue, "There is no chat with that id.");
        EnsureMayTake(account, chat);

        var view = await GrainFactory.GetGrain<IQueueGrain>(chat.Id)
            .TakeAsync(new CounsellorRef(AccountId, account.ChatName), conversationId)
            ?? throw new ChatRuleException(ErrorCodes.NoLongerWaiting, "Nobody is waiting there now.");
        await HoldAsync(view.Id, account);
        return view;
    }

    public async Task<ConversationView> TakeNextAsync()
    {
        var account = await AccountAsync();
        EnsureMayTake(account, chat: null);
        // Retired chats too: those waiting when a chat was retired are still served.
        var chats = (await GrainFactory.GetGrain<IChatCatalogGrain>(0).GetChatsAsync(includeRetired: true))
            .Where(c => Serves(account, c))
            .ToList();

        for (var attempt = 0; attempt < TakeNextAttempts; attempt++)
        {
            var heads = await Task.WhenAll(chats.Select(async c =>
                (Chat: c, Oldest: await GrainFactory.GetGrain<IQueueGrain>(c.Id).GetOldestAsync())));
            var waiting = heads.Where(h => h.Oldest is not null).ToList();
            if (waiting.Count == 0)
            {
                break;
            }

            var next = waiting.MinBy(h => h.Oldest!.Since);
            var view = await GrainFactory.GetGrain<IQueueGrain>(next.Chat.Id)
                .TakeAsync(new CounsellorRef(AccountId, account.ChatName), next.Oldest!.ConversationId);
            if (view is not null)
            {
                await HoldAsync(view.Id, account);
                return view;
            }
        }

        throw new ChatRuleException(ErrorCodes.NoLongerWaiting, "Nobody is waiting in your chats now.");
    }

    public async Task HandOverAsync(Guid conversationId, Guid toCounsellorId)
    {
        if (!State.ActiveConversations.Contains(conversationId))
        {
            throw new ChatRuleException(ErrorCodes.NotYourConversation, "There is no such conversation, or it is not yours.");
        }

        if (toCounsellorId == AccountId)
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, "Choose another counsellor to hand the chat to.");
        }

        await GrainFactory.GetGrain<ICounsellorGrain>(toCounsellorId).ReceiveHandOverAsync(conversationId, AccountId);
        State.ActiveConversations.Remove(conversationId);
        await state.WriteStateAsync();
        PushStatus(await AccountAsync());
    }

    public async Task<ConversationView> ReceiveHandOverAsync(Guid conversationId, Guid fromCounsellorId)
    {
        var account = await AccountAsync();
        var conversation = GrainFactory.GetGrain<IConversationGrain>(conversationId);
        var current = await conversation.GetViewAsync(Participant.Counsellor(fromCounsellorId));
        var chat = await GrainFactory.GetGrain<IChatCatalogGrain>(0).FindAsync(current.QueueId)
            ?? throw new ChatRuleException(ErrorCodes.UnknownQueue, "There is no chat with that id.");
        EnsureMayTake(account, chat, handOver: true);

        var view = await conversation.ReassignAsync(fromCounsellorId, new CounsellorRef(AccountId, account.ChatName));
        await HoldAsync(view.Id, account);
        return view;
    }

    public async Task ConversationEndedAsync(Guid conversationId, string queueId, bool formRequired)
    {
        if (!State.ActiveConversations.Remove(conversationId))
        {
            return;
        }

        if (formRequired)
        {
            // The owed form names the chat and the month only, never the conversation.
            State.PendingForms.Add(new PendingClosingForm(
                Convert.ToHexString(RandomNumberGenerator.GetBytes(12)), queueId, ChatSchedule.DateAt(time.GetUtcNow()).ToString("yyyy-MM", CultureInfo.InvariantCulture)));
        }

        await state.WriteStateAsync();
        PushStatus(await AccountAsync());
    }

    public async Task<CounsellorStatus> SubmitClosingFormAsync(string formId, ClosingForm form)
    {
        var pending = State.PendingForms.Find(f => f.FormId == formId)
            ?? throw new ChatRuleException(ErrorCodes.BadRequest, "There is no such closing form to fill in.");
        await GrainFactory.GetGrain<ITopicCatalogGrain>(0).ValidateAsync(form);

        string[] answers = [form.SeekerRole, .. form.ViolenceForms, .. form.Relationships, .. form.Discussed];
        await GrainFactory.GetGrain<IChatStatisticsGrain>($"{pending.QueueId}/{pending.Month}")
            .RecordCategoriesAsync(StatisticKind.ClosingForm, [.. answers.Select(a => $"form:{a}")]);
        State.PendingForms.Remove(pending);
        await state.WriteStateAsync();

        var account = await AccountAsync();
        PushStatus(account);
        return Status(account);
    }

    public Task<IReadOnlyList<PreparedText>> GetPreparedTextsAsync() =>
        Task.FromResult<IReadOnlyList<PreparedText>>([.. State.PreparedTexts]);

    public async Task<IReadOnlyList<PreparedText>> SavePreparedTextsAsync(IReadOnlyList<PreparedText> texts)
    {
        if (texts is null || texts.Count > 50)
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, "At most 50 prepared texts.");
        }

        foreach (var text in texts)
        {
            if (text is null || string.IsNullOrWhiteSpace(text.Title) || text.Title.Length > 60 || text.Text is null || text.Text.Length > 2000)
            {
                throw new ChatRuleException(ErrorCodes.BadRequest, "A prepared text needs a title of at most 60 characters and a text of at most 2000.");
            }

            MessageRules.CheckText(text.Text);
        }

        State.PreparedTexts = [.. texts.Select(t => t with { Title = t.Title.Trim() })];
        await state.WriteStateAsync();
        return [.. State.PreparedTexts];
    }

    public async Task SubscribeAsync(IChatRelay relay)
    {
        if (_relays.Subscribe(relay))
        {
            State.Relays = _relays.ToList();
            await state.WriteStateAsync();
        }
    }

    public async Task UnsubscribeAsync(IChatRelay relay)
    {
        if (_relays.Unsubscribe(relay))
        {
            State.Relays = _relays.ToList();
            await state.WriteStateAsync();
        }
    }

    private async Task<AccountView> AccountAsync()
    {
        var account = await GrainFactory.GetGrain<IAccountGrain>(AccountId).GetAsync();
        if (account is null || account.Disabled || !account.Roles.HasFlag(AccountRoles.Counsellor))
        {
            throw new ChatRuleException(ErrorCodes.NotQualified, "Only counsellors can take chats.");
        }

        return account;
    }

    private void EnsureMayTake(AccountView account, ChatDefinition? chat, bool handOver = false)
    {
        if (!handOver && State.PendingForms.Count > 0)
        {
            throw new ChatRuleException(ErrorCodes.ClosingFormRequired, "Fill in the closing form of your last chat first.");
        }

        if (!State.Available)
        {
            throw new ChatRuleException(
                ErrorCodes.Away, handOver ? "That counsellor is away." : "You are away; go available to take chats.");
        }

        if (State.ActiveConversations.Count >= account.MaxConversations)
        {
            throw new ChatRuleException(
                ErrorCodes.AtCapacity,
                handOver ? "That counsellor has no room for another chat." : $"You already hold {account.MaxConversations} chats.");
        }

        if (chat is not null && !Serves(account, chat))
        {
            throw new ChatRuleException(
                ErrorCodes.NotQualified, handOver ? "That counsellor does not serve this chat." : "You do not serve this chat.");
        }
    }

    private static bool Serves(AccountView account, ChatDefinition chat) =>
        !chat.RequiresQualification || account.Queues.Contains(chat.Id);

    private async Task HoldAsync(Guid conversationId, AccountView account)
    {
        if (!State.ActiveConversations.Contains(conversationId))
        {
            State.ActiveConversations.Add(conversationId);
            await state.WriteStateAsync();
        }

        PushStatus(account);
        LogHolding(logger, AccountId, State.ActiveConversations.Count);
    }

    private CounsellorStatus Status(AccountView account) =>
        new(AccountId, State.Available, [.. State.ActiveConversations], account.MaxConversations, [.. State.PendingForms]);

    private void PushStatus(AccountView account)
    {
        var status = Status(account);
        foreach (var relay in _relays.Current)
        {
            _ = relay.OnCounsellorChangedAsync(status);
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Counsellor {AccountId} holds {Count} chats")]
    private static partial void LogHolding(ILogger logger, Guid accountId, int count);
}
