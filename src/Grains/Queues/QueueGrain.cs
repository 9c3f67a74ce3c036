using Microsoft.Extensions.Options;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Relay;
using Nettiturvakoti.Statistics;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Telemetry;

namespace Nettiturvakoti.Queues;

internal sealed partial class QueueGrain(
    [PersistentState("queue", StorageNames.Chat)] IPersistentState<QueueState> state,
    WaitingListStore store,
    IOptions<ChatOptions> options,
    TimeProvider time,
    ChatMetrics metrics,
    ILogger<QueueGrain> logger) : Grain, IQueueGrain
{
    private const int RecentTakesKept = 20;

    // Oldest first. A linked list with an index by conversation: joins, takes and leaves cost the
    // same however long the queue is.
    private readonly LinkedList<WaitingSeeker> _waiting = new();
    private readonly Dictionary<Guid, LinkedListNode<WaitingSeeker>> _byConversation = [];
    private readonly Dictionary<Guid, DateTimeOffset> _lastSeen = [];
    private readonly Queue<DateTimeOffset> _recentTakes = new();
    private readonly RelaySet _relays = new(time);
    private ChatDefinition? _chat;
    private QueueStatus? _lastPublished;
    private long _nextTicket = 1;

    // Versions start at a random point for each activation, so a web front that kept a mirror
    // from an earlier activation sees a gap and asks for a fresh snapshot. Kept well below 2^53,
    // so that browsers read them exactly.
    private long _version = Random.Shared.NextInt64(1, 1L << 40);

    private string QueueId => this.GetPrimaryKeyString();

    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _chat = await GrainFactory.GetGrain<IChatCatalogGrain>(0).FindAsync(QueueId);
        if (_chat is null)
        {
            return;
        }

        foreach (var seeker in await store.ReadAsync(QueueId))
        {
            Append(seeker);
        }

        // Presence is not stored: every seeker found here gets a full grace period to come back.
        foreach (var id in _byConversation.Keys)
        {
            _lastSeen[id] = Now;
        }

        _nextTicket = _waiting.Count == 0 ? 1 : _waiting.Last!.Value.Ticket + 1;
        _relays.Restore(state.State.Relays);
        _lastPublished = Status();
        metrics.TrackQueue(QueueId, () => _waiting.Count);
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(options.Value.QueueTick, options.Value.QueueTick)
        {
            KeepAlive = true,
        });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.ForgetQueue(QueueId);
        return Task.CompletedTask;
    }

    public async Task<WaitingSeeker> EnqueueAsync(Guid conversationId)
    {
        var chat = RequireChat();
        if (_byConversation.TryGetValue(conversationId, out var existing))
        {
            return existing.Value;
        }

        if (ChatSchedule.StateAt(chat, Now).Openness != ChatOpenness.Open)
        {
            Record(StatisticKind.ArrivedClosed);
            throw new ChatRuleException(ErrorCodes.ChatClosed, "The chat does not take new seekers now.");
        }

        if (_waiting.Count >= chat.QueueCap)
        {
            Record(StatisticKind.TurnedAwayFull);
            throw new ChatRuleException(ErrorCodes.ChatFull, "The chat is full now; try again a little later.");
        }

        var seeker = new WaitingSeeker(conversationId, _nextTicket++, Now);
        await store.AddAsync(QueueId, seeker);
        Append(seeker);
        _lastSeen[conversationId] = Now;
        Record(StatisticKind.Started);
        ChatMetrics.SeekerJoined(QueueId);
        Publish(joined: seeker, left: null);
        return seeker;
    }

    public async Task RemoveAsync(Guid conversationId)
    {
        if (_byConversation.ContainsKey(conversationId))
        {
            await RemoveAndPublishAsync(conversationId);
        }
    }

    public async Task<ConversationView?> TakeAsync(CounsellorRef counsellor, Guid? conversationId)
    {
        RequireChat();
        while (true)
        {
            var candidate = conversationId is { } wanted
                ? (_byConversation.TryGetValue(wanted, out var node) ? node.Value : null)
                : _waiting.First?.Value;
            if (candidate is null)
            {
                return null;
            }

            try
            {
                var view = await GrainFactory.GetGrain<IConversationGrain>(candidate.ConversationId).AssignAsync(counsellor);
                await RemoveAndPublishAsync(candidate.ConversationId);
                Record(StatisticKind.Answered, Now - candidate.Since);
                ChatMetrics.SeekerTaken(QueueId, Now - candidate.Since);
                _recentTakes.Enqueue(Now);
                if (_recentTakes.Count > RecentTakesKept)
                {
                    _recentTakes.Dequeue();
                }

                LogTaken(logger, QueueId);
                return view;
            }
            catch (ChatRuleException error) when (error.Code == ErrorCodes.NoLongerWaiting)
            {
                // The seeker left or was never started: drop the entry and look further.
                await RemoveAndPublishAsync(candidate.ConversationId);
                if (conversationId is not null)
                {
                    return null;
                }
            }
        }
    }

    public Task<WaitingSeeker?> GetOldestAsync() => Task.FromResult(_waiting.First?.Value);

    public Task<QueuePlace?> GetPlaceAsync(Guid conversationId)
    {
        if (!_byConversation.TryGetValue(conversationId, out var node))
        {
            return Task.FromResult<QueuePlace?>(null);
        }

        // Counting the seekers ahead walks the list: it answers one seeker's question, never a change.
        var position = 1;
        for (var before = node.Previous; before is not null; before = before.Previous)
        {
            position++;
        }

        return Task.FromResult<QueuePlace?>(new QueuePlace(QueueId, _version, node.Value.Ticket, position, Status()));
    }

    public Task<QueueSnapshot> GetSnapshotAsync() =>
        Task.FromResult(new QueueSnapshot(QueueId, _version, [.. _waiting], Status()));

    public Task SeekersPresentAsync(IReadOnlyList<Guid> conversationIds)
    {
        foreach (var id in conversationIds)
        {
            if (_byConversation.ContainsKey(id))
            {
                _lastSeen[id] = Now;
            }
        }

        return Task.CompletedTask;
    }

    public async Task ChatChangedAsync(ChatDefinition chat)
    {
        var first = _chat is null;
        _chat = chat;
        if (first)
        {
            // A chat added at run time: start as if freshly activated.
            await OnActivateAsync(CancellationToken.None);
        }

        PublishIfStatusChanged();
    }

    public async Task SubscribeAsync(IChatRelay relay)
    {
        RequireChat();
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

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var cutoff = Now - options.Value.WaitingSeekerGrace;
        var gone = _lastSeen.Where(s => s.Value < cutoff).Select(s => s.Key).ToList();
        foreach (var id in gone)
        {
            await RemoveAndPublishAsync(id);
            LogSeekerGone(logger, QueueId);
        }

        // The conversations are ended after the queue let go of them; each ends only once.
        await Task.WhenAll(gone.Select(id =>
            GrainFactory.GetGrain<IConversationGrain>(id).ExpireAsync(EndReason.SeekerGone)));
        PublishIfStatusChanged();
    }

    private ChatDefinition RequireChat() =>
        _chat ?? throw new ChatRuleException(ErrorCodes.UnknownQueue, "There is no chat with that id.");

    private void Append(WaitingSeeker seeker) => _byConversation[seeker.ConversationId] = _waiting.AddLast(seeker);

    private async Task RemoveAndPublishAsync(Guid conversationId)
    {
        if (!_byConversation.Remove(conversationId, out var node))
        {
            return;
        }

        _waiting.Remove(node);
        _lastSeen.Remove(conversationId);
        await store.RemoveAsync(QueueId, conversationId);
        Publish(joined: null, left: node.Value);
    }

    private QueueStatus Status()
    {
        var chat = _chat!;
        double? secondsPerSeeker = null;
        var recent = _recentTakes.Where(t => Now - t < TimeSpan.FromHours(1)).ToList();
        if (recent.Count >= 2)
        {
            secondsPerSeeker = (recent[^1] - recent[0]).TotalSeconds / (recent.Count - 1);
        }

        return new QueueStatus(ChatSchedule.StateAt(chat, Now), _waiting.Count, _waiting.Count >= chat.QueueCap, secondsPerSeeker);
    }

    private void PublishIfStatusChanged()
    {
        var status = Status();
        if (_lastPublished is null
            || status.Hours != _lastPublished.Hours
            || status.Full != _lastPublished.Full)
        {
            Publish(joined: null, left: null, status);
        }
    }

    private void Publish(WaitingSeeker? joined, WaitingSeeker? left, QueueStatus? status = null)
    {
        status ??= Status();
        _lastPublished = status;
        var change = new QueueChange(QueueId, ++_version, joined, left, status);
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

    private void Record(StatisticKind kind, TimeSpan? duration = null) =>
        _ = GrainFactory.GetGrain<IChatStatisticsGrain>(StatisticsKeys.For(QueueId, Now)).RecordAsync(kind, duration);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "A seeker was taken from queue {QueueId}")]
    private static partial void LogTaken(ILogger logger, string queueId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Queue {QueueId} could not push a change to a relay")]
    private static partial void LogPushFailed(ILogger logger, string queueId, Exception error);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "A waiting seeker's page went away; removed from queue {QueueId}")]
    private static partial void LogSeekerGone(ILogger logger, string queueId);
}
