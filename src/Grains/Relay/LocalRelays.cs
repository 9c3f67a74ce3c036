using System.Collections.Concurrent;

namespace Nettiturvakoti.Relay;

/// <summary>
/// The web-front relays that live in this process, found by the references grains hold for them.
/// A conversation activated in the same process as the web front its pages are connected to (the
/// embedded default, or any web front hosting a silo) hands that relay each new entry directly,
/// instead of through Orleans' messaging: no message to build, address and pump, and no thread to
/// wake, for every chat message. Relays in other processes are reached through Orleans as before.
/// </summary>
public sealed class LocalRelays
{
    private static readonly Func<object?, Task> Invoke = static call => ((LocalCall)call!).Invoke();

    private readonly ConcurrentDictionary<GrainId, IChatRelay> _relays = new();

    /// <summary>
    /// Registers the object behind <paramref name="reference"/>, an object reference made in this
    /// process for <paramref name="relay"/>.
    /// </summary>
    public void Add(IChatRelay reference, IChatRelay relay) => _relays[reference.GetGrainId()] = relay;

    /// <summary>
    /// Calls <paramref name="send"/> on the relay behind <paramref name="reference"/> if it lives in
    /// this process, and says whether it did. The call runs at once, on the calling thread, so that
    /// a grain's events reach its relay in the order it made them; but under the thread pool's task
    /// scheduler instead of the grain's, so that whatever the relay (or SignalR under it) awaits
    /// resumes on the thread pool, as it would have after an Orleans call, and never on a grain.
    /// </summary>
    public bool TryCall(IChatRelay reference, Func<IChatRelay, Task> send, Action<Exception> failed)
    {
        if (_relays.IsEmpty || !_relays.TryGetValue(reference.GetGrainId(), out var relay))
        {
            return false;
        }

        var call = new Task<Task>(Invoke, new LocalCall(relay, send));
        call.RunSynchronously(TaskScheduler.Default);
        var sent = call.Result;
        if (!sent.IsCompletedSuccessfully)
        {
            sent.ContinueWith(
                static (task, failed) => ((Action<Exception>)failed!)(task.Exception!.GetBaseException()),
                failed,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return true;
    }

    private sealed class LocalCall(IChatRelay relay, Func<IChatRelay, Task> send)
    {
        public Task Invoke()
        {
            try
            {
                return send(relay);
            }
            catch (Exception error)
            {
                return Task.FromException(error);
            }
        }
    }
}
