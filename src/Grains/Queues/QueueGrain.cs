using Nettiturvakoti.Conversations;
using Nettiturvakoti.Relay;
using Nettiturvakoti.Storage;

namespace Nettiturvakoti.Queues;

internal sealed partial class QueueGrain(
    [PersistentState("queue", StorageNames.Chat)] IPersistentState<QueueState> state,
    WaitingListStore store,
    TimeProvider time,
    ILogger<QueueGrain> logger) : Grain, IQueueGrain
{
    private readonly List<WaitingSeeker> _waiting = [];
    private readonly RelaySet _relays = new(time);
    private ChatDefinition? _definition;
    private long _nextTicket = 1;

    // Versions start at a random point for each activation, so a web front that kept a mirror
    // from an earlier activation sees a gap and asks for a fresh snapshot.
    private long _version = Random.Shared.NextInt64(1, long.MaxValue / 2);

    private string QueueId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _waiting.AddRange(await store.ReadAsync(QueueId));
        _nextTicket = _waiting.Count == 0 ? 1 : _waiting[^1].Ticket + 1;
        _relays.Restore(state.State.Relays);
    }

    public async Task<WaitingSeeker> EnqueueAsync(Guid conversationId)
    {
        await EnsureExistsAsync();
        var existing = _waiting.Find(w => w.ConversationId == conversationId);
        if (existing is not null)
        {
            return existing;
        }

        var seeker = new WaitingSeeker(conversationId, _nextTicket++, time.GetUtcNow());
        await store.AddAsync(QueueId, seeker);
        _waiting.Add(seeker);
        Publish(joined: seeker, left: null);
        return seeker;
    }

    public async Task RemoveAsync(Guid conversationId)
    {
        var index = _waiting.FindIndex(w => w.ConversationId == conversationId);
        if (index >= 0)
        {
            await RemoveAtAsync(index);
        }
    }

    public async Task<ConversationView?> TakeAsync(CounsellorRef counsellor, Guid? conversationId)
    {
        await EnsureExistsAsync();
        while (true)
        {
            var index = conversationId is { } wanted
                ? _waiting.FindIndex(w => w.ConversationId == wanted)
                : _waiting.Count > 0 ? 0 : -1;
            if (index < 0)
            {
                return null;
            }

            var candidate = _waiting[index].ConversationId;
            try
            {
                var view = await GrainFactory.GetGrain<IConversationGrain>(candidate).AssignAsync(counsellor);
                await RemoveAtAsync(_waiting.FindIndex(w => w.ConversationId == candidate));
                LogTaken(logger, QueueId);
                return view;
            }
            catch (ChatRuleException error) when (error.Code == ErrorCodes.NoLongerWaiting)
            {
                // The seeker left or was never started: drop the entry and look further.
                await RemoveAtAsync(_waiting.FindIndex(w => w.ConversationId == candidate));
                if (conversationId is not null)
                {
                    return null;
                }
            }
        }
    }

    public Task<QueuePlace?> GetPlaceAsync(Guid conversationId)
    {
        var index = _waiting.FindIndex(w => w.ConversationId == conversationId);
        return Task.FromResult(index < 0
            ? null
            : new QueuePlace(QueueId, _version, _waiting[index].Ticket, index + 1, _waiting.Count));
    }

    public Task<QueueSnapshot> GetSnapshotAsync() =>
        Task.FromResult(new QueueSnapshot(QueueId, _version, [.. _waiting]));

    public async Task SubscribeAsync(IChatRelay relay)
    {
        await EnsureExistsAsync();
        if (_relays.Subscribe(relay))
        {
            state.State.Relays = _relays.ToList();
            await state.WriteStateAsync();
        }
    }

    public async Task UnsubscribeAsync(IChatRelay relay)
    {
        if (_relays.Unsubscribe(relay))
        {
            state.State.Relays = _relays.ToList();
            await state.WriteStateAsync();
        }
    }

    private async Task RemoveAtAsync(int index)
    {
        if (index < 0)
        {
            return;
        }

        var seeker = _waiting[index];
        await store.RemoveAsync(QueueId, seeker.ConversationId);
        _waiting.RemoveAt(index);
        Publish(joined: null, left: seeker);
    }

    private async Task EnsureExistsAsync()
    {
        _definition ??= await GrainFactory.GetGrain<IChatCatalogGrain>(0).FindAsync(QueueId);
        if (_definition is null)
        {
            throw new ChatRuleException(ErrorCodes.UnknownQueue, "There is no chat with that id.");
        }
    }

    private void Publish(WaitingSeeker? joined, WaitingSeeker? left)
    {
        var change = new QueueChange(QueueId, ++_version, joined, left);
        foreach (var relay in _relays.Current)
        {
            try
            {
                _ = relay.OnQueueChangedAsync(change);
            }
            catch (Exception error)
            {
                LogPushFailed(logger, QueueId, error);
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "A seeker was taken from queue {QueueId}")]
    private static partial void LogTaken(ILogger logger, string queueId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Queue {QueueId} could not push a change to a relay")]
    private static partial void LogPushFailed(ILogger logger, string queueId, Exception error);
}
