using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.Audit;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Feedback;
using Nettiturvakoti.Privacy;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Relay;
using Nettiturvakoti.Statistics;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Telemetry;

namespace Nettiturvakoti.Conversations;

internal sealed partial class ConversationGrain(
    [PersistentState("conversation", StorageNames.Chat)] IPersistentState<ConversationState> state,
    TranscriptStore transcripts,
    SeekerAddressStore addresses,
    AuditStore audit,
    IOptions<ChatOptions> options,
    IOptions<PrivacyOptions> privacy,
    TimeProvider time,
    ChatMetrics metrics,
    LocalRelays localRelays,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain, IRemindable
{
    private const string DeadlineReminder = "deadlines";
    private const string ForgetReminder = "forget";

    // An ended conversation's record (status, chat, nothing of its text) stays this long, so that
    // both sides can see it ended and the seeker can give feedback; then it is deleted.
    private static readonly TimeSpan RecordKeptAfterEnd = TimeSpan.FromHours(1);

    // How often an ended conversation's reminder looks whether text or record are due to go.
    private static readonly TimeSpan RetentionCheckEvery = TimeSpan.FromMinutes(5);

    // A client message id is unique per side: the seeker's ids and the counsellor's never collide.
    private readonly EntryLog _entries = new();
    private readonly RelaySet _relays = new(time);
    private string? _seekerAddress;
    private IGrainTimer? _deadlineTimer;
    private Action<Exception>? _pushFailed;

    private ConversationState State => state.State;

    private Guid Id => this.GetPrimaryKey();

    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Status == ConversationStatus.New)
        {
            return;
        }

        foreach (var entry in await transcripts.ReadAllAsync(Id))
        {
            _entries.Add(entry);
        }

        if (State.Status != ConversationStatus.Ended)
        {
            _seekerAddress = await addresses.GetAsync(Id);
            if (State.Status == ConversationStatus.Active)
            {
                metrics.ChatInProgress(Id, State.QueueId);
            }
        }
        else if (Now >= ForgetAt())
        {
            await ForgetAsync();
            return;
        }
        else if (Now >= State.EndedAt + TextGrace())
        {
            await DeleteTextAsync();
        }

        _relays.Restore(State.Relays);
        ArmDeadlineTimer();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.ChatNotInProgress(Id);
        return Task.CompletedTask;
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
        var limit = await GrainFactory.GetGrain<IContactLimitGrain>(0).CheckAsync(request.SeekerAddress);
        if (limit is { Limited: true, Until: { } until })
        {
            Record(StatisticKind.ContactLimited, queueId: chat.Id);
            throw new ChatRuleException(
                ErrorCodes.ContactLimited, $"The chat is not available to you now; try again after {until:O}");
        }

        await GrainFactory.GetGrain<IQueueGrain>(chat.Id).EnqueueAsync(Id);

        State.Status = ConversationStatus.Waiting;
        State.QueueId = chat.Id;
        State.Language = ChatRules.KnownLanguages.Contains(request.Language) ? request.Language : ChatRules.KnownLanguages[0];
        State.SeekerSecretHash = HashSecret(request.SeekerSecret);
        State.StartedAt = Now;
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
        if (State is { Status: ConversationStatus.Active, Counsellor: { } counsellor })
        {
            Push(relay => relay.OnSeekerAddressChangedAsync(Id, counsellor.AccountId, address));
        }
    }

    public Task<ConversationView> GetViewAsync(Participant viewer)
    {
        EnsureMayAct(viewer);
        return Task.FromResult(ViewFor(viewer));
    }

    public async Task<SendOutcome> SendAsync(
        Participant from, string clientMessageId, string text, string? senderConnectionId = null)
    {
        EnsureMayAct(from);
        MessageRules.CheckClientMessageId(clientMessageId);
        if (_entries.TryFind(from.Party, clientMessageId, out var stored))
        {
            return new SendOutcome(stored, Duplicate: true);
        }

        MessageRules.CheckText(text);
        if (State.Status == ConversationStatus.Ended)
        {
            throw new ChatRuleException(ErrorCodes.ConversationEnded, "The conversation has ended.");
        }

        var entry = await AppendAsync(EntryKind.Message, from.Party, clientMessageId, text, senderConnectionId);
        ChatMetrics.MessageStored(State.QueueId, from.Party == Party.Seeker);
        ArmDeadlineTimer();
        LogMessageStored(logger, Id, entry.Sequence);
        return new SendOutcome(entry, Duplicate: false);
    }

    public Task<IReadOnlyList<ChatEntry>> ReadAfterAsync(Participant viewer, long afterSequence)
    {
        EnsureMayAct(viewer);
        var from = (int)Math.Clamp(afterSequence, 0, _entries.Count);
        var count = Math.Min(ChatLimits.MaxEntriesPerRead, _entries.Count - from);
        return Task.FromResult<IReadOnlyList<ChatEntry>>(_entries.Range(from, count));
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
        State.AssignedAt = Now;
        await state.WriteStateAsync();
        metrics.ChatInProgress(Id, State.QueueId);
        await AppendAsync(EntryKind.CounsellorJoined, Party.System, "", counsellor.ChatName);
        PushChanged();
        ArmDeadlineTimer();

        // The timer keeps the deadlines while this activation lives; the reminder brings the
        // conversation back to keep them after a restart, even if nobody calls it.
        await this.RegisterOrUpdateReminder(DeadlineReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        LogAssigned(logger, Id);
        return ViewFor(Participant.Counsellor(counsellor.AccountId));
    }

    public async Task<ConversationView> ReassignAsync(Guid fromCounsellorId, CounsellorRef newCounsellor)
    {
        if (State.Status != ConversationStatus.Active || State.Counsellor?.AccountId != fromCounsellorId)
        {
            throw new ChatRuleException(ErrorCodes.NotYourConversation, "There is no such conversation, or it is not yours.");
        }

        State.Counsellor = newCounsellor;
        await state.WriteStateAsync();
        await AppendAsync(EntryKind.HandedOver, Party.System, "", newCounsellor.ChatName);
        PushChanged();
        ArmDeadlineTimer();

        LogHandedOver(logger, Id);
        return ViewFor(Participant.Counsellor(newCounsellor.AccountId));
    }

    public async Task<ConversationView> EndAsync(Participant by)
    {
        EnsureMayAct(by);
        var reason = State.Status == ConversationStatus.Waiting ? EndReason.LeftWhileWaiting
            : by.Party == Party.Seeker ? EndReason.SeekerEnded
            : EndReason.CounsellorEnded;
        await FinishAsync(reason);
        return ViewFor(by);
    }

    public Task ExpireAsync(EndReason reason) => FinishAsync(reason);

    public async Task<ConversationView> DeclineAsync(Guid counsellorId, DeclineReason reason)
    {
        EnsureActiveCounsellor(counsellorId);
        if (!Enum.IsDefined(reason))
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, "Unknown decline reason.");
        }

        await AuditAsync(counsellorId, AuditAction.Declined, reason.ToString());
        RecordCategories(StatisticKind.Declined, $"decline:{reason}");
        await FinishAsync(EndReason.Declined);
        return ViewFor(Participant.Counsellor(counsellorId));
    }

    public async Task<ConversationView> SetTimeLimitAsync(Guid counsellorId, int minutes)
    {
        EnsureActiveCounsellor(counsellorId);
        if (minutes is < 5 or > 240)
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, "A time limit is 5 to 240 minutes.");
        }

        var endsAt = DateTimeOffset.FromUnixTimeMilliseconds((Now + TimeSpan.FromMinutes(minutes)).ToUnixTimeMilliseconds());
        State.TimeLimitEndsAt = endsAt;
        State.TimeLimitSetAt = Now;
        await state.WriteStateAsync();
        await AuditAsync(counsellorId, AuditAction.TimeLimitSet, minutes.ToString(CultureInfo.InvariantCulture));
        await AppendAsync(EntryKind.TimeLimitSet, Party.System, "", endsAt.ToString("O", CultureInfo.InvariantCulture));
        PushChanged();
        ArmDeadlineTimer();
        return ViewFor(Participant.Counsellor(counsellorId));
    }

    public async Task<DateTimeOffset> LimitContactAsync(Guid counsellorId, ContactLimitPeriod period)
    {
        EnsureActiveCounsellor(counsellorId);
        var until = period switch
        {
            ContactLimitPeriod.Day => Now.AddDays(1),
            ContactLimitPeriod.Week => Now.AddDays(7),
            ContactLimitPeriod.UntilPurge => DateTimeOffset.MaxValue,
            _ => throw new ChatRuleException(ErrorCodes.BadRequest, "Unknown contact limit period."),
        };
        var ends = await GrainFactory.GetGrain<IContactLimitGrain>(0).LimitAsync(_seekerAddress ?? "", until);
        await AuditAsync(counsellorId, AuditAction.ContactLimited, period.ToString());
        return ends;
    }

    public async Task<ChatEntry> SendReportingNoticeAsync(Guid counsellorId, ReportingNoticeKind kind)
    {
        EnsureActiveCounsellor(counsellorId);
        if (!Enum.IsDefined(kind))
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, "Unknown kind of notice.");
        }

        await AuditAsync(counsellorId, AuditAction.ReportingNoticeSent, kind.ToString());
        RecordCategories(StatisticKind.ReportingNotice, $"notice:{kind}");
        return await AppendAsync(EntryKind.ReportingNotice, Party.System, "", kind.ToString());
    }

    public Task QuickExitAsync() => FinishAsync(EndReason.QuickExit);

    public async Task GiveFeedbackAsync(int rating, string? comment)
    {
        if (State.Status != ConversationStatus.Ended || State.FeedbackGiven)
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, "Feedback can be given once, after the chat has ended.");
        }

        FeedbackRules.Check(rating, comment);
        var month = ChatSchedule.DateAt(Now).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        // Stored first: should marking it given fail, the seeker may send it again rather than
        // lose it.
        await GrainFactory.GetGrain<IFeedbackGrain>(0).SubmitAsync(new FeedbackEntry(State.QueueId, month, rating, comment ?? ""));
        State.FeedbackGiven = true;
        await state.WriteStateAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName switch
    {
        ForgetReminder => ApplyRetentionAsync(),
        _ => CheckDeadlinesAsync(CancellationToken.None),
    };

    public Task TypingAsync(Participant from)
    {
        EnsureMayAct(from);
        if (State.Status is ConversationStatus.Waiting or ConversationStatus.Active)
        {
            var counsellor = State.Counsellor?.AccountId;
            Push(relay => relay.OnTypingAsync(Id, counsellor, from.Party));
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

    private async Task FinishAsync(EndReason reason)
    {
        if (State.Status is ConversationStatus.Ended or ConversationStatus.New)
        {
            return;
        }

        var wasWaiting = State.Status == ConversationStatus.Waiting;
        State.Status = ConversationStatus.Ended;
        State.EndedAt = Now;
        State.EndReason = reason;
        State.LastSequence = _entries.Count + 1;
        await state.WriteStateAsync();
        metrics.ChatNotInProgress(Id);
        ChatMetrics.ChatEnded(State.QueueId, reason.ToString());

        await addresses.DeleteAsync(Id);
        _seekerAddress = null;
        _deadlineTimer?.Dispose();
        _deadlineTimer = null;
        await AppendAsync(EntryKind.Ended, Party.System, "", reason.ToString());

        if (wasWaiting)
        {
            await GrainFactory.GetGrain<IQueueGrain>(State.QueueId).RemoveAsync(Id);
            Record(reason switch
            {
                EndReason.SeekerGone => StatisticKind.SeekerGone,
                EndReason.QuickExit => StatisticKind.QuickExit,
                _ => StatisticKind.LeftWhileWaiting,
            });
        }
        else
        {
            var ended = reason switch
            {
                EndReason.Idle => StatisticKind.IdleClosed,
                EndReason.TimeLimit => StatisticKind.TimeLimited,
                EndReason.QuickExit => StatisticKind.QuickExit,
                _ => (StatisticKind?)null,
            };
            if (ended is { } kind)
            {
                Record(kind);
            }

            Record(StatisticKind.Ended, Now - (State.AssignedAt ?? Now));
            await StopReminderAsync();
        }

        if (State.Counsellor is { } counsellor)
        {
            await GrainFactory.GetGrain<ICounsellorGrain>(counsellor.AccountId)
                .ConversationEndedAsync(Id, State.QueueId, formRequired: reason != EndReason.Declined);
            Push(relay => relay.OnSeekerAddressChangedAsync(Id, counsellor.AccountId, null));
        }

        PushChanged();
        LogEnded(logger, Id, reason);

        // The text goes now (or after the configured grace); the rest of the record an hour
        // after the end. A reminder does both, even if the conversation is not active by then.
        if (TextGrace() <= TimeSpan.Zero)
        {
            await DeleteTextAsync();
        }

        var firstStep = TextGrace() > TimeSpan.Zero ? TextGrace() : ForgetAt() - Now;
        await this.RegisterOrUpdateReminder(ForgetReminder, firstStep, RetentionCheckEvery);
    }

    private async Task ApplyRetentionAsync()
    {
        if (State.Status != ConversationStatus.Ended)
        {
            return;
        }

        if (Now >= ForgetAt())
        {
            await ForgetAsync();
        }
        else if (Now >= State.EndedAt + TextGrace() && _entries.Count > 0)
        {
            await DeleteTextAsync();
        }
    }

    // The grace for chat text, at most a day.
    private TimeSpan TextGrace()
    {
        var grace = privacy.Value.TranscriptGrace;
        return grace > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : grace;
    }

    private DateTimeOffset ForgetAt()
    {
        var grace = TextGrace();
        return (State.EndedAt ?? Now) + (grace > RecordKeptAfterEnd ? grace : RecordKeptAfterEnd);
    }

    private async Task DeleteTextAsync()
    {
        await transcripts.DeleteAsync(Id);
        _entries.Clear();
    }

    // Deletes all that is left of the conversation: its text, its address, its record.
    private async Task ForgetAsync()
    {
        await DeleteTextAsync();
        await addresses.DeleteAsync(Id);
        await StopReminderAsync();
        if (await this.GetReminder(ForgetReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    // One timer per active conversation, set for its next deadline (the idle warning and close,
    // the time limit's warning and end) and moved whenever something changes. Derived from state
    // and timeline, so it is set again when the conversation is activated after a restart.
    private void ArmDeadlineTimer()
    {
        if (State.Status != ConversationStatus.Active)
        {
            return;
        }

        var due = NextDeadline() - Now;
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due;
        if (_deadlineTimer is null)
        {
            _deadlineTimer = this.RegisterGrainTimer(CheckDeadlinesAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)
            {
                KeepAlive = true,
            });
        }
        else
        {
            _deadlineTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task CheckDeadlinesAsync(CancellationToken cancellationToken)
    {
        if (State.Status != ConversationStatus.Active)
        {
            await StopReminderAsync();
            return;
        }

        if (State.TimeLimitEndsAt is { } endsAt)
        {
            if (Now >= endsAt)
            {
                await FinishAsync(EndReason.TimeLimit);
                return;
            }

            if (Now >= TimeLimitWarningAt() && !HasEntrySince(EntryKind.TimeLimitWarning, State.TimeLimitSetAt))
            {
                await AppendAsync(EntryKind.TimeLimitWarning, Party.System, "", endsAt.ToString("O", CultureInfo.InvariantCulture));
            }
        }

        var (warned, idleDeadline) = IdleDeadlines();
        if (Now >= idleDeadline)
        {
            if (warned)
            {
                await FinishAsync(EndReason.Idle);
                return;
            }

            var closesAt = LastActivity() + options.Value.IdleClose;
            await AppendAsync(EntryKind.IdleWarning, Party.System, "", closesAt.ToString("O", CultureInfo.InvariantCulture));
        }

        ArmDeadlineTimer();
    }

    private DateTimeOffset NextDeadline()
    {
        var next = IdleDeadlines().Next;
        if (State.TimeLimitEndsAt is { } endsAt)
        {
            var limitNext = HasEntrySince(EntryKind.TimeLimitWarning, State.TimeLimitSetAt) ? endsAt : TimeLimitWarningAt();
            next = limitNext < next ? limitNext : next;
        }

        return next;
    }

    // Warned five minutes before the end, or at a third of a shorter limit.
    private DateTimeOffset TimeLimitWarningAt()
    {
        var length = State.TimeLimitEndsAt!.Value - (State.TimeLimitSetAt ?? State.TimeLimitEndsAt.Value);
        var lead = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, length.Ticks / 3));
        return State.TimeLimitEndsAt.Value - lead;
    }

    private bool HasEntrySince(EntryKind kind, DateTimeOffset? since)
    {
        // Entry times are kept to the millisecond.
        var from = since is { } value
            ? DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds())
            : DateTimeOffset.MinValue;
        for (var i = _entries.Count - 1; i >= 0 && _entries.AtOf(i) >= from; i--)
        {
            if (_entries.KindAt(i) == kind)
            {
                return true;
            }
        }

        return false;
    }

    // Whether the warning for the current quiet spell was given, and the next idle deadline.
    private (bool Warned, DateTimeOffset Next) IdleDeadlines()
    {
        var last = LastActivity();
        var warned = _entries.Count > 0 && _entries.KindAt(_entries.Count - 1) == EntryKind.IdleWarning;
        return (warned, last + (warned ? options.Value.IdleClose : options.Value.IdleWarning));
    }

    private DateTimeOffset LastActivity()
    {
        var last = State.AssignedAt ?? State.StartedAt;
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries.KindAt(i) is EntryKind.Message or EntryKind.HandedOver or EntryKind.CounsellorJoined
                or EntryKind.TimeLimitSet or EntryKind.ReportingNotice)
            {
                return _entries.AtOf(i) > last ? _entries.AtOf(i) : last;
            }
        }

        return last;
    }

    private async Task StopReminderAsync()
    {
        if (await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void EnsureActiveCounsellor(Guid counsellorId)
    {
        EnsureMayAct(Participant.Counsellor(counsellorId));
        if (State.Status != ConversationStatus.Active)
        {
            throw new ChatRuleException(ErrorCodes.ConversationEnded, "The conversation has ended.");
        }
    }

    private async Task AuditAsync(Guid counsellorId, AuditAction action, string detail)
    {
        var account = await GrainFactory.GetGrain<IAccountGrain>(counsellorId).GetAsync();
        await audit.AppendAsync(new AuditEntry(Now, counsellorId, account?.UserName ?? "", action, detail, State.QueueId));
    }

    private async Task<ChatEntry> AppendAsync(
        EntryKind kind, Party author, string clientMessageId, string text, string? senderConnectionId = null)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(Now.ToUnixTimeMilliseconds());
        var entry = new ChatEntry(_entries.Count + 1, kind, author, clientMessageId, text, at);
        if (!await transcripts.AppendAsync(Id, entry))
        {
            // Another activation wrote this sequence number: this one's view is stale. Start over
            // from storage rather than risk a gap or a reordering.
            LogStaleActivation(logger, Id, entry.Sequence);
            DeactivateOnIdle();
            throw new ChatRuleException(ErrorCodes.Unavailable, "The conversation was busy; try again.");
        }

        _entries.Add(entry);
        var counsellor = State.Counsellor?.AccountId;
        Push(relay => relay.OnEntryAsync(Id, counsellor, entry, senderConnectionId));
        return entry;
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
        Math.Max(_entries.Count, State.LastSequence),
        State.StartedAt,
        viewer.Party == Party.Counsellor && State.Status == ConversationStatus.Active ? _seekerAddress : null,
        State.Language,
        State.Status == ConversationStatus.Active ? State.TimeLimitEndsAt : null);

    private void PushChanged()
    {
        var view = ViewFor(Participant.Seeker);
        var counsellor = State.Counsellor?.AccountId;
        Push(relay => relay.OnConversationChangedAsync(view, counsellor));
    }

    private void Push(Func<IChatRelay, Task> send)
    {
        foreach (var relay in _relays.Current)
        {
            try
            {
                // A relay in this process is called directly; any other gets a one-way call, which
                // completes once sent: a web front that is gone catches up on reconnect.
                if (!localRelays.TryCall(relay, send, _pushFailed ??= error => LogPushFailed(logger, Id, error)))
                {
                    _ = send(relay);
                }
            }
            catch (Exception error)
            {
                LogPushFailed(logger, Id, error);
            }
        }
    }

    private void Record(StatisticKind kind, TimeSpan? duration = null, string? queueId = null) =>
        _ = GrainFactory.GetGrain<IChatStatisticsGrain>(StatisticsKeys.For(queueId ?? State.QueueId, Now)).RecordAsync(kind, duration);

    private void RecordCategories(StatisticKind kind, params string[] categories) =>
        _ = GrainFactory.GetGrain<IChatStatisticsGrain>(StatisticsKeys.For(State.QueueId, Now)).RecordCategoriesAsync(kind, categories);

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

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Conversation {ConversationId} handed over to another counsellor")]
    private static partial void LogHandedOver(ILogger logger, Guid conversationId);
}
