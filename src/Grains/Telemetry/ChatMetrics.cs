using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Nettiturvakoti.Telemetry;

/// <summary>
/// The service's own measurements, for operators: how many seekers wait and for how long, how
/// many chats are in progress, how many messages pass. Every figure is a count or a duration
/// tagged at most with a chat's id; nothing names a seeker, a conversation or a counsellor.
/// </summary>
/// <remarks>
/// Gauges are read from the grains active in this process, so each silo reports its own share
/// and a monitoring system adds the silos up. A queue is active in one silo at a time.
/// </remarks>
public sealed class ChatMetrics : IDisposable
{
    /// <summary>The meter's name, for exporters to listen to.</summary>
    public const string MeterName = "Nettiturvakoti.Chat";

    // One meter for the whole process, as Orleans keeps its own. Exporters merge instruments of
    // the same name into one stream and close it when any of them is disposed, so a meter made
    // per host would silence the others wherever several hosts share a process (tests do).
    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<ChatMetrics, byte> Live = new();
    private static readonly Histogram<double> Wait = Meter.CreateHistogram(
        "ntk.queue.wait", "s", "How long seekers waited before a counsellor took them.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [10, 30, 60, 120, 300, 600, 900, 1800, 3600] });
    private static readonly Histogram<double> Commits = Meter.CreateHistogram(
        "ntk.storage.commit", "s", "How long a group commit of chat writes took, its disk sync included.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    private static readonly Counter<long> Messages =
        Meter.CreateCounter<long>("ntk.messages", "{message}", "Messages stored, by who wrote them.");
    private static readonly Counter<long> Started =
        Meter.CreateCounter<long>("ntk.chats.started", "{chat}", "Seekers who joined a queue.");
    private static readonly Counter<long> Ended =
        Meter.CreateCounter<long>("ntk.chats.ended", "{chat}", "Chats ended, by why.");

    private readonly ConcurrentDictionary<string, Func<int>> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, string> _inProgress = new();

    static ChatMetrics()
    {
        Meter.CreateObservableGauge(
            "ntk.queue.waiting", () => Live.Keys.SelectMany(metrics => metrics.ObserveWaiting()), "{seeker}", "Seekers waiting in a chat's queue now.");
        Meter.CreateObservableGauge(
            "ntk.chats.in_progress", () => Live.Keys.SelectMany(metrics => metrics.ObserveInProgress()), "{chat}", "Chats a counsellor has taken and that have not ended.");
    }

    /// <summary>Starts reporting this host's queues and chats.</summary>
    public ChatMetrics() => Live[this] = 0;

    /// <summary>Stops reporting this host's queues and chats (the host is going away).</summary>
    public void Dispose() => Live.TryRemove(this, out _);

    /// <summary>Reports a queue's waiting count from now on, read through <paramref name="waiting"/>.</summary>
    public void TrackQueue(string queueId, Func<int> waiting) => _queues[queueId] = waiting;

    /// <summary>Stops reporting a queue (its grain is going away).</summary>
    public void ForgetQueue(string queueId) => _queues.TryRemove(queueId, out _);

    /// <summary>Counts a conversation as in progress while its grain is active here.</summary>
    public void ChatInProgress(Guid conversationId, string queueId) => _inProgress[conversationId] = queueId;

    /// <summary>Stops counting a conversation: it ended, or its grain is going away.</summary>
    public void ChatNotInProgress(Guid conversationId) => _inProgress.TryRemove(conversationId, out _);

    /// <summary>A seeker joined a queue.</summary>
    public static void SeekerJoined(string queueId) => Started.Add(1, new KeyValuePair<string, object?>("chat", queueId));

    /// <summary>A counsellor took a seeker who had waited <paramref name="waited"/>.</summary>
    public static void SeekerTaken(string queueId, TimeSpan waited) =>
        Wait.Record(Math.Max(0, waited.TotalSeconds), new KeyValuePair<string, object?>("chat", queueId));

    /// <summary>A group commit of chat writes took <paramref name="took"/>.</summary>
    public static void CommitTook(TimeSpan took) => Commits.Record(took.TotalSeconds);

    /// <summary>A message was stored.</summary>
    public static void MessageStored(string queueId, bool bySeeker) => Messages.Add(
        1, new KeyValuePair<string, object?>("chat", queueId), new KeyValuePair<string, object?>("from", bySeeker ? "seeker" : "counsellor"));

    /// <summary>A conversation ended.</summary>
    public static void ChatEnded(string queueId, string reason) => Ended.Add(
        1, new KeyValuePair<string, object?>("chat", queueId), new KeyValuePair<string, object?>("reason", reason));

    private IEnumerable<Measurement<int>> ObserveWaiting()
    {
        foreach (var (queueId, waiting) in _queues)
        {
            yield return new Measurement<int>(waiting(), new KeyValuePair<string, object?>("chat", queueId));
        }
    }

    private IEnumerable<Measurement<int>> ObserveInProgress()
    {
        foreach (var group in _inProgress.Values.GroupBy(id => id, StringComparer.Ordinal))
        {
            yield return new Measurement<int>(group.Count(), new KeyValuePair<string, object?>("chat", group.Key));
        }
    }
}
