using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.Tests.Cluster;

/// <summary>A message whose send completed: who sent it, its id, where it was stored, and when.</summary>
public sealed record SentMessage(Party Side, string ClientMessageId, long Sequence, TimeSpan CompletedAt, int Attempts);

/// <summary>
/// One side of a chat over a real SignalR connection through the <see cref="FrontDoor"/>, behaving
/// as the pages do (docs/protocol.md, section 6): it applies entry N only when it holds N−1, asks
/// for what it missed on a gap, and after every reconnect rejoins its conversation and catches up.
/// A send is retried with the same client message id until it completes.
/// </summary>
public sealed class ChatParty : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

    private readonly HubConnection _connection;
    private readonly FrontDoor _door;
    private readonly int _preferred;
    private readonly CookieContainer? _cookies;
    private readonly string? _address;
    private readonly Stopwatch _clock;
    private readonly List<ChatEntry> _entries = [];
    private readonly List<(TimeSpan At, string What)> _history = [];
    private readonly SemaphoreSlim _catchingUp = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _joined = NewSignal();
    private bool _gapSeen;

    private ChatParty(
        string name, Party side, FrontDoor door, int preferred, CookieContainer? cookies, string? address, Stopwatch clock)
    {
        Name = name;
        Side = side;
        _door = door;
        _preferred = preferred;
        _cookies = cookies;
        _address = address;
        _clock = clock;
        var hub = side == Party.Seeker ? "/hubs/seeker" : "/hubs/counsellor";
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(door.Fronts[preferred], hub), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = (context, cancellationToken) => ConnectThroughDoorAsync(context.Uri, cancellationToken);
            })
            .WithAutomaticReconnect(new QuickRetries())
            .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(
                new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .Build();
        _connection.On<Guid, ChatEntry>(ClientEvents.Entry, OnEntry);
        _connection.Reconnecting += _ =>
        {
            lock (_gate)
            {
                _joined = NewSignal();
            }

            Note("connection lost");
            return Task.CompletedTask;
        };
        _connection.Reconnected += connectionId =>
        {
            Note($"reconnected to {ConnectedTo}");
            _ = RejoinAsync();
            return Task.CompletedTask;
        };
        _connection.Closed += error =>
        {
            if (!_disposed.IsCancellationRequested)
            {
                Note($"closed for good: {error?.Message ?? "no error"}");
                ClosedForGood = true;
            }

            return Task.CompletedTask;
        };
    }

    public string Name { get; }

    public Party Side { get; }

    public Guid ConversationId { get; private set; }

    // The seeker's proof for Resume.
    private string? Secret { get; set; }

    /// <summary>The web front the current connection goes to.</summary>
    public Uri? ConnectedTo { get; private set; }

    /// <summary>True when the connection closed and will not be reconnected (a server close without reconnect).</summary>
    public bool ClosedForGood { get; private set; }

    /// <summary>When the connection was last lost, on the cluster clock.</summary>
    public TimeSpan? LastLost => LastOf("connection lost");

    /// <summary>When the party last rejoined its conversation after a reconnect, on the cluster clock.</summary>
    public TimeSpan? LastRejoined => LastOf("rejoined");

    /// <summary>The entries applied so far, in order, with no gap.</summary>
    public IReadOnlyList<ChatEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>What happened to the connection, for the test log.</summary>
    public string History
    {
        get
        {
            lock (_gate)
            {
                return string.Join("; ", _history.Select(h => $"{h.At.TotalSeconds:0.000} {h.What}"));
            }
        }
    }

    /// <summary>
    /// Connects a seeker (no cookies) or a counsellor (with a login's cookies) through the front
    /// door, which passes on a random client address of the party's own in X-Forwarded-For, as a
    /// load balancer does, so that each seeker counts as a client of its own for per-address limits.
    /// </summary>
    public static async Task<ChatParty> ConnectAsync(
        string name, Party side, FrontDoor door, int preferred, Stopwatch clock, CookieContainer? cookies = null)
    {
        var address = $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";
        var party = new ChatParty(name, side, door, preferred, cookies, address, clock);
        await party._connection.StartAsync();
        party.Note($"connected to {party.ConnectedTo}");
        if (side == Party.Counsellor)
        {
            // As the console does on every connection: this also starts the counsellor's live updates.
            await party._connection.InvokeAsync<CounsellorOverview>("GetOverview");
        }

        return party;
    }

    /// <summary>The seeker starts a chat in <paramref name="queueId"/> and waits there.</summary>
    public async Task<StartedChat> StartChatAsync(string queueId)
    {
        var started = await _connection.InvokeAsync<StartedChat>("StartChat", queueId, "fi");
        ConversationId = started.ConversationId;
        Secret = started.Secret;
        Joined();
        return started;
    }

    /// <summary>The counsellor takes the seeker of <paramref name="conversationId"/>.</summary>
    public async Task TakeAsync(string queueId, Guid conversationId)
    {
        var joined = await _connection.InvokeAsync<JoinedChat>("Take", queueId, conversationId);
        ConversationId = conversationId;
        Apply(joined.Entries);
        Joined();
    }

    /// <summary>A waiting seeker's place in the queue, asked again while the service is unavailable.</summary>
    public async Task<QueuePlace?> GetPositionAsync(TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await JoinedAsync(within - deadline.Elapsed);
                return await _connection.InvokeAsync<QueuePlace?>("GetPosition");
            }
            catch (Exception error) when (IsTransient(error) && deadline.Elapsed < within)
            {
                await Task.Delay(RetryPause);
            }
        }
    }

    /// <summary>
    /// Sends a message and returns once the service says it is stored, trying again with the same
    /// client message id after every failure that leaves the outcome open.
    /// </summary>
    public async Task<SentMessage> SendAsync(string text, TimeSpan within)
    {
        var id = "m" + Guid.NewGuid().ToString("N");
        var deadline = Stopwatch.StartNew();
        Exception? lastError = null;
        for (var attempt = 1; deadline.Elapsed < within; attempt++)
        {
            try
            {
                await JoinedAsync(within - deadline.Elapsed);
                using var call = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
                call.CancelAfter(CallTimeout);
                var result = Side == Party.Seeker
                    ? await _connection.InvokeAsync<SendResult>("Send", id, text, call.Token)
                    : await _connection.InvokeAsync<SendResult>("Send", ConversationId, id, text, call.Token);
                HeldOwn(new ChatEntry(result.Sequence, EntryKind.Message, Side, id, text, result.At), result.Duplicate);
                return new SentMessage(Side, id, result.Sequence, _clock.Elapsed, attempt);
            }
            catch (Exception error) when (IsTransient(error))
            {
                lastError = error;
            }

            await Task.Delay(RetryPause);
        }

        throw new TimeoutException(
            $"{Name}: a send did not complete within {within.TotalSeconds:0} s (last error: {lastError?.Message}); {History}", lastError);
    }

    /// <summary>Waits until the party holds every entry up to <paramref name="sequence"/>.</summary>
    public Task WaitToHoldAsync(long sequence, TimeSpan? timeout = null) =>
        Wait.UntilAsync(() => LastSequence >= sequence, $"{Name} to hold entry {sequence} (holds {LastSequence}; {History})", timeout);

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        await _connection.DisposeAsync();
        _disposed.Dispose();
        _catchingUp.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Rule errors are real failures; the rest leave the outcome open: the service was busy or failing
    // over ("unavailable", "rate-limited"), the new connection had not rejoined yet, or the
    // connection went while the call ran.
    private static bool IsTransient(Exception error) => error switch
    {
        HubException hub => hub.Message.Contains($"{ErrorCodes.Unavailable}:", StringComparison.Ordinal)
            || hub.Message.Contains($"{ErrorCodes.NoConversation}:", StringComparison.Ordinal)
            || hub.Message.Contains($"{ErrorCodes.RateLimited}:", StringComparison.Ordinal)
            || !hub.Message.Contains("HubException:", StringComparison.Ordinal),
        _ => error is InvalidOperationException or IOException or OperationCanceledException or WebSocketException or TimeoutException,
    };

    private async ValueTask<WebSocket> ConnectThroughDoorAsync(Uri hub, CancellationToken cancellationToken)
    {
        Exception? refused = null;
        foreach (var front in _door.InOrderFrom(_preferred))
        {
            var socket = new ClientWebSocket();
            if (_cookies is not null)
            {
                socket.Options.Cookies = _cookies;
            }

            if (_address is not null)
            {
                socket.Options.SetRequestHeader("X-Forwarded-For", _address);
            }

            try
            {
                await socket.ConnectAsync(new UriBuilder(hub) { Host = front.Host, Port = front.Port }.Uri, cancellationToken);
                ConnectedTo = front;
                return socket;
            }
            catch (Exception error) when (error is WebSocketException or HttpRequestException)
            {
                refused = error;
                socket.Dispose();
            }
        }

        throw new WebSocketException("No web front took the connection.", refused);
    }

    private Task JoinedAsync(TimeSpan timeout)
    {
        lock (_gate)
        {
            return _joined.Task.WaitAsync(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);
        }
    }

    private void Joined()
    {
        lock (_gate)
        {
            _joined.TrySetResult();
        }
    }

    // After a reconnect the new connection knows nothing: rejoin the conversation and read what
    // was missed, as the pages do. Tried again while the service is unavailable; a connection
    // lost meanwhile gets a rejoin of its own when it is back.
    private async Task RejoinAsync()
    {
        while (!_disposed.IsCancellationRequested && _connection.State == HubConnectionState.Connected)
        {
            try
            {
                IReadOnlyList<ChatEntry> missed;
                if (Side == Party.Seeker)
                {
                    missed = (await _connection.InvokeAsync<JoinedChat>("Resume", ConversationId, Secret, LastSequence)).Entries;
                }
                else
                {
                    await _connection.InvokeAsync<CounsellorOverview>("GetOverview");
                    missed = (await _connection.InvokeAsync<JoinedChat>("Open", ConversationId, LastSequence)).Entries;
                }

                Apply(missed);
                Note($"rejoined at entry {LastSequence}");
                Joined();
                return;
            }
            catch (Exception error) when (IsTransient(error))
            {
                await Task.Delay(RetryPause);
            }
            catch (HubException error)
            {
                Note($"rejoin refused: {error.Message}");
                return;
            }
        }
    }

    private void OnEntry(Guid conversationId, ChatEntry entry)
    {
        if (conversationId != ConversationId)
        {
            return;
        }

        if (Apply([entry]))
        {
            _ = CatchUpAsync();
        }
    }

    // The connection a message was sent on gets no entry event for it: the answer stands for it,
    // as on the pages. A repeat may have stored other text before, so it is read back instead.
    private void HeldOwn(ChatEntry entry, bool duplicate)
    {
        if (duplicate)
        {
            lock (_gate)
            {
                _gapSeen |= entry.Sequence > _entries.Count;
            }
        }

        if (duplicate ? GapSeen() : Apply([entry]))
        {
            _ = CatchUpAsync();
        }
    }

    private bool GapSeen()
    {
        lock (_gate)
        {
            return _gapSeen;
        }
    }

    // Applies entries in order; true when one came after a gap (something was missed).
    private bool Apply(IReadOnlyList<ChatEntry> entries)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                if (entry.Sequence == _entries.Count + 1)
                {
                    _entries.Add(entry);
                }
                else if (entry.Sequence > _entries.Count + 1)
                {
                    _gapSeen = true;
                }
            }

            return _gapSeen;
        }
    }

    private async Task CatchUpAsync()
    {
        if (!await _catchingUp.WaitAsync(0))
        {
            return;
        }

        try
        {
            while (true)
            {
                lock (_gate)
                {
                    if (!_gapSeen)
                    {
                        return;
                    }

                    _gapSeen = false;
                }

                var missed = Side == Party.Seeker
                    ? await _connection.InvokeAsync<IReadOnlyList<ChatEntry>>("ReadAfter", LastSequence)
                    : await _connection.InvokeAsync<IReadOnlyList<ChatEntry>>("ReadAfter", ConversationId, LastSequence);
                Apply(missed);
            }
        }
        catch (Exception error) when (IsTransient(error))
        {
            // The next entry or reconnect asks again.
            lock (_gate)
            {
                _gapSeen = true;
            }
        }
        finally
        {
            _catchingUp.Release();
        }
    }

    private void Note(string what)
    {
        lock (_gate)
        {
            _history.Add((_clock.Elapsed, what));
        }
    }

    private TimeSpan? LastOf(string what)
    {
        lock (_gate)
        {
            return _history.LastOrDefault(h => h.What.StartsWith(what, StringComparison.Ordinal)).At is var at && at > TimeSpan.Zero
                ? at
                : null;
        }
    }

    // Reconnects quickly for as long as a test could need.
    private sealed class QuickRetries : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.ElapsedTime > TimeSpan.FromMinutes(2)
                ? null
                : TimeSpan.FromMilliseconds(Math.Min(100 * (retryContext.PreviousRetryCount + 1), 1000));
    }
}
