using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Nettiturvakoti.WebFront.Benchmarks;

/// <summary>
/// A plain SignalR relay with no Orleans and no storage, for measuring what the chat path costs
/// against it in the same host. Each pair of connections shares a group; a message gets the next
/// number of its pair (kept in memory) and goes to the other side. Mapped only when
/// <c>WebFront:BaselineHub</c> is true: it is a yardstick, not part of the service.
/// </summary>
public sealed class BaselineRelayHub(BaselineCounters counters) : Hub
{
    /// <summary>Joins the group of a pair.</summary>
    public Task Join(string pair) => Groups.AddToGroupAsync(Context.ConnectionId, pair);

    /// <summary>Numbers a message and sends it to the rest of the pair; returns its number.</summary>
    public async Task<long> Send(string pair, string clientMessageId, string text)
    {
        var sequence = counters.Next(pair);
        await Clients.OthersInGroup(pair).SendAsync("entry", pair, sequence, clientMessageId, text);
        return sequence;
    }
}

/// <summary>The per-pair message numbers of <see cref="BaselineRelayHub"/>.</summary>
public sealed class BaselineCounters
{
    private readonly ConcurrentDictionary<string, long> _counters = new();

    /// <summary>The next number of a pair.</summary>
    public long Next(string pair) => _counters.AddOrUpdate(pair, 1, (_, last) => last + 1);
}

/// <summary>Maps the baseline relay when configured.</summary>
public static class BaselineEndpoints
{
    /// <summary>Maps <c>/hubs/baseline</c> when <c>WebFront:BaselineHub</c> is true.</summary>
    public static void MapBaselineRelay(this WebApplication app)
    {
        if (app.Configuration.GetValue("WebFront:BaselineHub", false))
        {
            app.MapHub<BaselineRelayHub>("/hubs/baseline");
        }
    }
}
