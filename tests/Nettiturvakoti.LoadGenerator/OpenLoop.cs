using System.Diagnostics;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// Sends on a fixed timeline whatever the server does: message i is started when it falls due,
/// whether or not earlier sends have been answered, so a slow server shows as latency instead of
/// as a lower rate. One thread keeps the timeline; it sleeps about a millisecond between checks.
/// </summary>
public static class OpenLoop
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Sends every message of <paramref name="ledger"/> through <paramref name="path"/>, waits for
    /// the answers, then up to <paramref name="grace"/> for deliveries still on their way.
    /// <paramref name="measuring"/> is called as the first measured message falls due.
    /// </summary>
    public static async Task RunAsync(
        IMessagePath path, DeliveryLedger ledger, string text, TimeSpan grace, Action? measuring = null)
    {
        path.Ledger = ledger;
        var outstanding = 1;
        var allAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        void Done()
        {
            if (Interlocked.Decrement(ref outstanding) == 0)
            {
                allAnswered.TrySetResult();
            }
        }

        async Task SendOneAsync(int index)
        {
            try
            {
                var (pair, from) = ledger.Route(index);
                ledger.Sending(index);
                ledger.Acknowledged(index, await path.SendAsync(pair, from, DeliveryLedger.ClientMessageId(index), text));
            }
            catch (Exception error)
            {
                ledger.SendFailed(index, error);
            }
            finally
            {
                Done();
            }
        }

        var timeline = new Thread(() =>
        {
            ledger.Start(Stopwatch.GetTimestamp());
            var next = 0;
            while (next < ledger.Total)
            {
                var now = Stopwatch.GetTimestamp();
                while (next < ledger.Total && ledger.DueAt(next) <= now)
                {
                    if (next == ledger.FirstMeasured)
                    {
                        measuring?.Invoke();
                    }

                    Interlocked.Increment(ref outstanding);
                    _ = SendOneAsync(next++);
                }

                if (next < ledger.Total)
                {
                    Thread.Sleep(1);
                }
            }

            Done();
        })
        {
            IsBackground = true,
            Name = "open-loop timeline",
            Priority = ThreadPriority.AboveNormal,
        };
        timeline.Start();

        try
        {
            await allAnswered.Task.WaitAsync(AnswerTimeout);
        }
        catch (TimeoutException)
        {
            // Counted as sent but neither acknowledged nor failed; the report shows the gap.
            Console.WriteLine($"  some sends were still unanswered after {AnswerTimeout.TotalSeconds} s");
        }

        var waited = Stopwatch.StartNew();
        while (!ledger.AllAcknowledgedReceived() && waited.Elapsed < grace)
        {
            await Task.Delay(50);
        }
    }
}
