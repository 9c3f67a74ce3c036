using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// Every message of one run on one path: when it was due, whether its send was acknowledged, when
/// (and how often) the other side received it. Message i belongs to pair i mod P and is sent by the
/// seeker or the counsellor in turns of P, so each pair alternates directions; its client message
/// id is "m" and i, which is unique within its conversation.
/// </summary>
public sealed class DeliveryLedger
{
    private const byte InFlight = 1;
    private const byte Acked = 2;
    private const byte Failed = 3;

    private readonly long[] _receivedAt;
    private readonly int[] _deliveries;
    private readonly byte[] _state;
    private readonly long[] _sequence;
    private readonly HashSet<long>[] _seen;
    private readonly long[] _highest;
    private readonly double _ticksPerMessage;
    private readonly int _ramp;
    private readonly ConcurrentQueue<string> _errorSamples = new();
    private long _start;
    private int _duplicates;
    private int _outOfOrder;
    private int _unexpected;

    /// <param name="pairs">Conversations (or baseline pairs) the messages are spread over.</param>
    /// <param name="total">Messages in the run, warm-up included.</param>
    /// <param name="firstMeasured">Messages of warm-up, which are sent but not counted.</param>
    /// <param name="ratePerSecond">Messages a second, all pairs together.</param>
    /// <param name="rampMessages">
    /// Messages of the warm-up (at most <paramref name="firstMeasured"/>) over which the rate climbs
    /// evenly from nothing to <paramref name="ratePerSecond"/>, so that they last twice as long as at
    /// the full rate; the rest of the warm-up and the measured messages follow at the full rate.
    /// </param>
    public DeliveryLedger(int pairs, int total, int firstMeasured, double ratePerSecond, int rampMessages = 0)
    {
        _ramp = Math.Clamp(rampMessages, 0, Math.Min(firstMeasured, total));
        Pairs = pairs;
        Total = total;
        FirstMeasured = Math.Min(firstMeasured, total);
        _ticksPerMessage = Stopwatch.Frequency / ratePerSecond;
        _receivedAt = new long[total];
        _deliveries = new int[total];
        _state = new byte[total];
        _sequence = new long[total];
        _seen = [.. Enumerable.Range(0, pairs * 2).Select(_ => new HashSet<long>())];
        _highest = new long[pairs * 2];
    }

    /// <summary>Conversations (or baseline pairs) the messages are spread over.</summary>
    public int Pairs { get; }

    /// <summary>Messages in the run, warm-up included.</summary>
    public int Total { get; }

    /// <summary>The first message counted in the results; those before it are the warm-up.</summary>
    public int FirstMeasured { get; }

    /// <summary>
    /// Fixes the timeline: message i is due at start + i / rate, or with a ramp of R messages at
    /// start + 2√(R·i) / rate during it and start + (i + R) / rate after it.
    /// </summary>
    public void Start(long timestamp) => _start = timestamp;

    /// <summary>When message i is due, as a <see cref="Stopwatch"/> timestamp.</summary>
    public long DueAt(int index)
    {
        var slots = _ramp == 0 ? index
            : index < _ramp ? 2 * Math.Sqrt((double)_ramp * index)
            : index + _ramp;
        return _start + (long)(slots * _ticksPerMessage);
    }

    /// <summary>The pair of message i and the side that sends it.</summary>
    public (int Pair, Side From) Route(int index) => (index % Pairs, (Side)(index / Pairs % 2));

    /// <summary>The client message id of message i.</summary>
    public static string ClientMessageId(int index) => "m" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The send of message i has begun.</summary>
    public void Sending(int index) => Volatile.Write(ref _state[index], InFlight);

    /// <summary>The server acknowledged message i with its sequence number.</summary>
    public void Acknowledged(int index, long sequence)
    {
        _sequence[index] = sequence;
        Volatile.Write(ref _state[index], Acked);
    }

    /// <summary>The send of message i failed.</summary>
    public void SendFailed(int index, Exception error)
    {
        Volatile.Write(ref _state[index], Failed);
        if (_errorSamples.Count < 5)
        {
            _errorSamples.Enqueue(error.GetType().Name + ": " + error.Message);
        }
    }

    /// <summary>
    /// The <paramref name="receiver"/> side of <paramref name="pair"/> got an entry. Counts a
    /// second delivery of the same sequence number or the same client id as a duplicate.
    /// </summary>
    public void Received(int pair, Side receiver, long sequence, string clientMessageId)
    {
        var now = Stopwatch.GetTimestamp();
        if (!TryParseIndex(clientMessageId, out var index) || index >= Total || Route(index).Pair != pair || Route(index).From == receiver)
        {
            Interlocked.Increment(ref _unexpected);
            return;
        }

        var slot = (pair * 2) + (int)receiver;
        bool repeatedSequence;
        bool late;
        lock (_seen[slot])
        {
            repeatedSequence = !_seen[slot].Add(sequence);
            late = !repeatedSequence && sequence < _highest[slot];
            _highest[slot] = Math.Max(_highest[slot], sequence);
        }

        var repeatedId = Interlocked.Increment(ref _deliveries[index]) > 1;
        if (!repeatedId)
        {
            Volatile.Write(ref _receivedAt[index], now);
        }

        if (index >= FirstMeasured)
        {
            if (repeatedId || repeatedSequence)
            {
                Interlocked.Increment(ref _duplicates);
            }

            if (late)
            {
                Interlocked.Increment(ref _outOfOrder);
            }
        }
    }

    /// <summary>Whether every acknowledged message has been received (or failed).</summary>
    public bool AllAcknowledgedReceived()
    {
        for (var i = 0; i < Total; i++)
        {
            if (Volatile.Read(ref _state[i]) == Acked && Volatile.Read(ref _deliveries[i]) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The sequence number the server gave message i (0 when not acknowledged).</summary>
    public long SequenceOf(int index) => Volatile.Read(ref _state[index]) == Acked ? _sequence[index] : 0;

    /// <summary>The delivery latency of message i in ms (from when it was due), or null if not received.</summary>
    public double? LatencyMs(int index)
    {
        var at = Volatile.Read(ref _receivedAt[index]);
        return at == 0 ? null : (at - DueAt(index)) * 1000.0 / Stopwatch.Frequency;
    }

    /// <summary>The counts and latencies of the measured messages.</summary>
    public DeliverySummary Summarize()
    {
        int sent = 0, acked = 0, received = 0, lost = 0, failed = 0;
        var latencies = new List<double>(Total - FirstMeasured);
        for (var i = FirstMeasured; i < Total; i++)
        {
            var state = Volatile.Read(ref _state[i]);
            if (state == 0)
            {
                continue;
            }

            sent++;
            var latency = LatencyMs(i);
            if (latency is { } ms)
            {
                received++;
                latencies.Add(ms);
            }

            if (state == Acked)
            {
                acked++;
                if (latency is null)
                {
                    lost++;
                }
            }
            else if (state == Failed)
            {
                failed++;
            }
        }

        return new DeliverySummary(
            sent, acked, received, lost, _duplicates, failed, _outOfOrder, _unexpected,
            LatencyStats.From(latencies), [.. _errorSamples]);
    }

    /// <summary>
    /// The measured messages grouped by the second of the run they fell due in, each second's
    /// latencies summarised: shows whether a tail comes from a few stalls or from every second.
    /// </summary>
    public IReadOnlyList<(int Second, LatencyStats Latency)> BySecond()
    {
        var seconds = new SortedDictionary<int, List<double>>();
        for (var i = FirstMeasured; i < Total; i++)
        {
            if (LatencyMs(i) is not { } ms)
            {
                continue;
            }

            var second = (int)((i - FirstMeasured) * _ticksPerMessage / Stopwatch.Frequency);
            if (!seconds.TryGetValue(second, out var list))
            {
                seconds[second] = list = [];
            }

            list.Add(ms);
        }

        return [.. seconds.Select(pair => (pair.Key, LatencyStats.From(pair.Value)))];
    }

    private static bool TryParseIndex(string clientMessageId, out int index)
    {
        index = -1;
        return clientMessageId.Length > 1 && clientMessageId[0] == 'm'
            && int.TryParse(clientMessageId.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
