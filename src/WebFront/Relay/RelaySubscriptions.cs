using System.Collections.Concurrent;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Relay;

namespace Nettiturvakoti.WebFront.Relay;

/// <summary>
/// Which conversations and queues this web front listens to, counted by the connections that need
/// them. The first connection subscribes the relay, the last one to leave unsubscribes it, and a
/// background loop renews every subscription still held before its lease runs out.
/// </summary>
public sealed partial class RelaySubscriptions(
    IGrainFactory grains, RelayEndpoint relay, TimeProvider time, ILogger<RelaySubscriptions> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, int> _conversations = new();
    private readonly ConcurrentDictionary<string, bool> _queues = new();

    /// <summary>Counts one more connection needing a conversation's events.</summary>
    public async Task AcquireConversationAsync(Guid conversationId)
    {
        if (_conversations.AddOrUpdate(conversationId, 1, (_, count) => count + 1) == 1)
        {
            await grains.GetGrain<IConversationGrain>(conversationId).SubscribeAsync(relay.Reference);
        }
    }

    /// <summary>Counts one connection less; the last one out unsubscribes.</summary>
    public async Task ReleaseConversationAsync(Guid conversationId)
    {
        var remaining = _conversations.AddOrUpdate(conversationId, 0, (_, count) => count - 1);
        if (remaining <= 0 && _conversations.TryRemove(new KeyValuePair<Guid, int>(conversationId, remaining)))
        {
            await grains.GetGrain<IConversationGrain>(conversationId).UnsubscribeAsync(relay.Reference);
        }
    }

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
        using var timer = new PeriodicTimer(RelayLease.RenewEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RenewAllAsync();
        }
    }

    /// <summary>Renews every subscription held now.</summary>
    public async Task RenewAllAsync()
    {
        var renewals = _conversations.Keys
            .Select(id => grains.GetGrain<IConversationGrain>(id).SubscribeAsync(relay.Reference))
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

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Renewing relay subscriptions failed; retrying at the next round")]
    private static partial void LogRenewFailed(ILogger logger, Exception error);
}
