using System.Security.Cryptography;
using System.Text;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Relay;
using Nettiturvakoti.Storage;

namespace Nettiturvakoti.Conversations;

internal sealed partial class ConversationGrain(
    [PersistentState("conversation", StorageNames.Chat)] IPersistentState<ConversationState> state,
    TranscriptStore transcripts,
    SeekerAddressStore addresses,
    TimeProvider time,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private static readonly string[] Languages = ["fi", "sv", "en"];

    private readonly List<ChatEntry> _entries = [];
    private readonly Dictionary<string, ChatEntry> _byClientId = new(StringComparer.Ordinal);
    private readonly RelaySet _relays = new(time);
    private string? _seekerAddress;

    private ConversationState State => state.State;

    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Status == ConversationStatus.New)
        {
            return;
        }

        foreach (var entry in await transcripts.ReadAllAsync(Id))
        {
            Remember(entry);
        }

        if (State.Status != ConversationStatus.Ended)
        {
            _seekerAddress = await addresses.GetAsync(Id);
        }

        _relays.Restore(State.Relays);
    }

    public async Task<ConversationView> StartAsync(StartConversation request)
    {
        if (State.Status != ConversationStatus.New)
        {
            throw new ChatRuleException(ErrorCodes.AlreadyStarted, "The conversation has already started.");
        }

        if (request.SeekerSecret is not { Length: >= 32 and <= 128 })
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, "The seeker secret must be 32 to 128 characters.");
        }

        var chat = await GrainFactory.GetGrain<IChatCatalogGrain>(0).FindAsync(request.QueueId ?? "")
            ?? throw new ChatRuleException(ErrorCodes.UnknownQueue, "There is no chat with that id.");
        await GrainFactory.GetGrain<IQueueGrain>(chat.Id).EnqueueAsync(Id);

        State.Status = ConversationStatus.Waiting;
        State.QueueId = chat.Id;
        State.Language = Languages.Contains(request.Language) ? request.Language : Languages[0];
        State.SeekerSecretHash = HashSecret(request.SeekerSecret);
        State.StartedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        await SetSeekerAddressAsync(request.SeekerAddress);

        LogStarted(logger, Id, State.QueueId);
        return ViewFor(Participant.Seeker);
    }

    public Task<bool> IsSeekerAsync(string seekerSecret)
    {
        var known = State.Status != ConversationStatus.New
            && seekerSecret is not null
            && CryptographicOperations.FixedTimeEquals(HashSecret(seekerSecret), State.SeekerSecretHash);
        return Task.FromResult(known);
    }

    public async Task SetSeekerAddressAsync(string? address)
    {
        if (State.Status is ConversationStatus.New or ConversationStatus.Ended || address == _seekerAddress)
        {
            return;
        }

        await addresses.SetAsync(Id, address);
        _seekerAddress = address;
        if (State.Status == ConversationStatus.Active)
        {
            Push(relay => relay.OnSeekerAddressChangedAsync(Id, address));
        }
    }

    public Task<ConversationView> GetViewAsync(Participant viewer)
    {
        EnsureMayAct(viewer);
        return Task.FromResult(ViewFor(viewer));
    }

    public async Task<SendOutcome> SendAsync(Participant from, string clientMessageId, string text)
    {
        EnsureMayAct(from);
        MessageRules.CheckClientMessageId(clientMessageId);
        if (_byClientId.TryGetValue(clientMessageId, out var stored))
        {
            return new SendOutcome(stored, Duplicate: true);
        }

        MessageRules.CheckText(text);
        if (State.Status == ConversationStatus.Ended)
        {
            throw new ChatRuleException(ErrorCodes.ConversationEnded, "The conversation has ended.");
        }

        var entry = await AppendAsync(EntryKind.Message, from.Party, clientMessageId, text);
        LogMessageStored(logger, Id, entry.Sequence);
        return new SendOutcome(entry, Duplicate: false);
    }

    public Task<IReadOnlyList<ChatEntry>> ReadAfterAsync(Participant viewer, long afterSequence)
    {
        EnsureMayAct(viewer);
        var from = (int)Math.Clamp(afterSequence, 0, _entries.Count);
        var count = Math.Min(ChatLimits.MaxEntriesPerRead, _entries.Count - from);
        return Task.FromResult<IReadOnlyList<ChatEntry>>(_entries.GetRange(from, count));
    }

    public async Task<ConversationView> AssignAsync(CounsellorRef counsellor)
    {
        if (State.Status == ConversationStatus.Active && State.Counsellor?.AccountId == counsellor.AccountId)
        {
            return ViewFor(Participant.Counsellor(counsellor.AccountId));
        }

        if (State.Status != ConversationStatus.Waiting)
        {
            throw new ChatRuleException(ErrorCodes.NoLongerWaiting, "The seeker is no longer waiting.");
        }

        State.Status = ConversationStatus.Active;
        State.Counsellor = counsellor;
        State.AssignedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        await AppendAsync(EntryKind.CounsellorJoined, Party.System, "", counsellor.ChatName);
        PushChanged();

        LogAssigned(logger, Id);
        return ViewFor(Participant.Counsellor(counsellor.AccountId));
    }

    public async Task<ConversationView> EndAsync(Participant by)
    {
        EnsureMayAct(by);
        if (State.Status == ConversationStatus.Ended)
        {
            return ViewFor(by);
        }

        var wasWaiting = State.Status == ConversationStatus.Waiting;
        var reason = wasWaiting ? EndReason.LeftWhileWaiting
            : by.Party == Party.Seeker ? EndReason.SeekerEnded
            : EndReason.CounsellorEnded;
        State.Status = ConversationStatus.Ended;
        State.EndedAt = time.GetUtcNow();
        State.EndReason = reason;
        await state.WriteStateAsync();

        await addresses.DeleteAsync(Id);
        _seekerAddress = null;
        await AppendAsync(EntryKind.Ended, Party.System, "", reason.ToString());

        if (wasWaiting)
        {
            await GrainFactory.GetGrain<IQueueGrain>(State.QueueId).RemoveAsync(Id);
        }

        if (State.Counsellor is { } counsellor)
        {
            await GrainFactory.GetGrain<ICounsellorGrain>(counsellor.AccountId).ConversationEndedAsync(Id);
        }

        PushChanged();
        if (!wasWaiting)
        {
            Push(relay => relay.OnSeekerAddressChangedAsync(Id, null));
        }

        LogEnded(logger, Id, reason);
        return ViewFor(by);
    }

    public Task TypingAsync(Participant from)
    {
        EnsureMayAct(from);
        if (State.Status is ConversationStatus.Waiting or ConversationStatus.Active)
        {
            Push(relay => relay.OnTypingAsync(Id, from.Party));
        }

        return Task.CompletedTask;
    }

    public async Task SubscribeAsync(IChatRelay relay)
    {
        if (_relays.Subscribe(relay) && State.Status != ConversationStatus.New)
        {
            State.Relays = _relays.ToList();
            await state.WriteStateAsync();
        }
    }

    public async Task UnsubscribeAsync(IChatRelay relay)
    {
        if (_relays.Unsubscribe(relay) && State.Status != ConversationStatus.New)
        {
            State.Relays = _relays.ToList();
            await state.WriteStateAsync();
        }
    }

    private async Task<ChatEntry> AppendAsync(EntryKind kind, Party author, string clientMessageId, string text)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var entry = new ChatEntry(_entries.Count + 1, kind, author, clientMessageId, text, now);
        if (!await transcripts.AppendAsync(Id, entry))
        {
            // Another activation wrote this sequence number: this one's view is stale. Start over
            // from storage rather than risk a gap or a reordering.
            LogStaleActivation(logger, Id, entry.Sequence);
            DeactivateOnIdle();
            throw new InvalidOperationException("The conversation was changed elsewhere; try again.");
        }

        Remember(entry);
        Push(relay => relay.OnEntryAsync(Id, entry));
        return entry;
    }

    private void Remember(ChatEntry entry)
    {
        _entries.Add(entry);
        if (entry.ClientMessageId.Length > 0)
        {
            _byClientId[entry.ClientMessageId] = entry;
        }
    }

    private void EnsureMayAct(Participant who)
    {
        var allowed = State.Status != ConversationStatus.New && who.Party switch
        {
            Party.Seeker => true,
            Party.Counsellor => State.Counsellor?.AccountId == who.CounsellorId,
            _ => false,
        };
        if (!allowed)
        {
            throw new ChatRuleException(
                ErrorCodes.NotYourConversation, "There is no such conversation, or it is not yours.");
        }
    }

    private ConversationView ViewFor(Participant viewer) => new(
        Id,
        State.QueueId,
        State.Status,
        State.Counsellor?.ChatName,
        _entries.Count,
        State.StartedAt,
        viewer.Party == Party.Counsellor && State.Status == ConversationStatus.Active ? _seekerAddress : null,
        State.Language);

    private void PushChanged()
    {
        var view = ViewFor(Participant.Seeker);
        Push(relay => relay.OnConversationChangedAsync(view));
    }

    private void Push(Func<IChatRelay, Task> send)
    {
        foreach (var relay in _relays.Current)
        {
            try
            {
                // One-way: completes once sent; a web front that is gone catches up on reconnect.
                _ = send(relay);
            }
            catch (Exception error)
            {
                LogPushFailed(logger, Id, error);
            }
        }
    }

    private static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Conversation {ConversationId} started in queue {QueueId}")]
    private static partial void LogStarted(ILogger logger, Guid conversationId, string queueId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Conversation {ConversationId} stored entry {Sequence}")]
    private static partial void LogMessageStored(ILogger logger, Guid conversationId, long sequence);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Conversation {ConversationId} assigned to a counsellor")]
    private static partial void LogAssigned(ILogger logger, Guid conversationId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Conversation {ConversationId} ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, Guid conversationId, EndReason reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Conversation {ConversationId} found sequence {Sequence} already stored; deactivating")]
    private static partial void LogStaleActivation(ILogger logger, Guid conversationId, long sequence);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "Conversation {ConversationId} could not push an event to a relay")]
    private static partial void LogPushFailed(ILogger logger, Guid conversationId, Exception error);
}
