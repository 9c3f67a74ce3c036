using System.Collections.Concurrent;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Relay;

namespace Nettiturvakoti.WebFront.Relay;

/// <summary>
/// What this web front listens to (conversations, counsellors, queues), counted by the connections
/// that need it: the first connection subscribes the relay, the last one to leave unsubscribes it,
/// and a background loop renews what is still held before its lease runs out. The same loop tells
/// each queue which of its waiting seekers still have their page open here.
/// </summary>
public sealed partial class RelaySubscriptions(
    IGrainFactory grains, RelayEndpoint relay, WaitingSeekers waiting, TimeProvider time, ILogger<RelaySubscriptions> logger)
    : BackgroundService
{
    /// <summary>How often waiting seekers' presence is reported to their queues.</summary>
    public static readonly TimeSpan PresenceEvery = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, int> _conversations = new();
    private readonly ConcurrentDictionary<Guid, int> _counsellors = new();
    private readonly ConcurrentDictionary<string, bool> _queues = new();

    /// <summary>Counts one more connection needing a conversation's events.</summary>
    public Task AcquireConversationAsync(Guid conversationId) =>
        Acquire(_conversations, conversationId, () => grains.GetGrain<IConversationGrain>(conversationId).SubscribeAsync(relay.Reference));

    /// <summary>Counts one connection less; the last one out unsubscribes.</summary>
    public Task ReleaseConversationAsync(Guid conversationId) =>
        Release(_conversations, conversationId, () => grains.GetGrain<IConversationGrain>(conversationId).UnsubscribeAsync(relay.Reference));

    /// <summary>Counts one more connection of a counsellor (for their status changes).</summary>
    public Task AcquireCounsellorAsync(Guid accountId) =>
        Acquire(_counsellors, accountId, () => grains.GetGrain<ICounsellorGrain>(accountId).SubscribeAsync(relay.Reference));

    /// <summary>Counts one counsellor connection less.</summary>
    public Task ReleaseCounsellorAsync(Guid accountId) =>
        Release(_counsellors, accountId, () => grains.GetGrain<ICounsellorGrain>(accountId).UnsubscribeAsync(relay.Reference));

    /// <summary>Makes sure this web front gets a queue's changes (queues are few: they stay subscribed).</summary>
    public async Task EnsureQueueAsync(string queueId)
    {
        if (_queues.TryAdd(queueId, true))
        {
            try
            {
                await grains.GetGrain<IQueueGrain>(queueId).SubscribeAsync(relay.Reference);
            }
            catch
            {
                _queues.TryRemove(queueId, out _);
                throw;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PresenceEvery, time);
        var rounds = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await ReportPresenceAsync();
            if (++rounds % (int)(RelayLease.RenewEvery / PresenceEvery) == 0)
            {
                await RenewAllAsync();
            }
        }
    }

    /// <summary>Tells each queue which of its waiting seekers have their page open here.</summary>
    public async Task ReportPresenceAsync()
    {
        var byQueue = waiting.ByQueue();
        try
        {
            await Task.WhenAll(byQueue.Select(g => grains.GetGrain<IQueueGrain>(g.Key).SeekersPresentAsync([.. g])));
        }
        catch (Exception error)
        {
            LogRenewFailed(logger, error);
        }
    }

    /// <summary>Renews every subscription held now.</summary>
    public async Task RenewAllAsync()
    {
        var renewals = _conversations.Keys
            .Select(id => grains.GetGrain<IConversationGrain>(id).SubscribeAsync(relay.Reference))
            .Concat(_counsellors.Keys.Select(id => grains.GetGrain<ICounsellorGrain>(id).SubscribeAsync(relay.Reference)))
            .Concat(_queues.Keys.Select(id => grains.GetGrain<IQueueGrain>(id).SubscribeAsync(relay.Reference)));
        try
        {
            await Task.WhenAll(renewals);
        }
        catch (Exception error)
        {
            LogRenewFailed(logger, error);
        }
    }

    private static async Task Acquire<TKey>(ConcurrentDictionary<TKey, int> held, TKey key, Func<Task> subscribe)
        where TKey : notnull
    {
        if (held.AddOrUpdate(key, 1, (_, count) => count + 1) == 1)
        {
            await subscribe();
        }
    }

    private static async Task Release<TKey>(ConcurrentDictionary<TKey, int> held, TKey key, Func<Task> unsubscribe)
        where TKey : notnull
    {
        var remaining = held.AddOrUpdate(key, 0, (_, count) => count - 1);
        if (remaining <= 0 && held.TryRemove(new KeyValuePair<TKey, int>(key, remaining)))
        {
            await unsubscribe();
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Renewing relay subscriptions failed; retrying at the next round")]
    private static partial void LogRenewFailed(ILogger logger, Exception error);
}
