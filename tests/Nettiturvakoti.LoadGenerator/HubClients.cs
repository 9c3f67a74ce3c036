using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// SignalR connections as a client program makes them: straight to the WebSocket (no negotiate
/// request, so one socket per connection), JSON protocol, generous timeouts for a loaded machine.
/// </summary>
public static class HubClients
{
    /// <summary>A connection to <paramref name="path"/> (not started), with the login cookie when given.</summary>
    public static HubConnection Create(Uri server, string path, CookieContainer? cookies = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, path), HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                if (cookies is not null)
                {
                    options.Cookies = cookies;
                }
            })
            .Build();

        // On two busy cores a ping can be late; a dropped connection would spoil the count.
        connection.ServerTimeout = TimeSpan.FromMinutes(3);
        connection.HandshakeTimeout = TimeSpan.FromMinutes(1);
        connection.Closed += error =>
        {
            if (error is not null && Interlocked.Increment(ref _lost) <= 3)
            {
                Console.WriteLine($"    a connection to {path} closed: {error.GetType().Name}: {error.Message}");
            }

            return Task.CompletedTask;
        };
        return connection;
    }

    /// <summary>Connections the server closed with an error so far.</summary>
    public static int Lost => Volatile.Read(ref _lost);

    private static int _lost;

    /// <summary>
    /// Handles event <paramref name="name"/> of <paramref name="arguments"/> arguments without reading
    /// them, calling <paramref name="seen"/> if given (an event without a handler is logged as unknown).
    /// </summary>
    public static void OnAny(HubConnection connection, string name, int arguments, Action? seen = null) =>
        connection.On(name, [.. Enumerable.Repeat(typeof(object), arguments)], (_, _) =>
        {
            seen?.Invoke();
            return Task.CompletedTask;
        }, state: name);

    /// <summary>Starts every connection, at most <paramref name="concurrency"/> at a time.</summary>
    public static Task StartAllAsync(IEnumerable<HubConnection> connections, int concurrency = 64) =>
        Parallel.ForEachAsync(
            connections,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (connection, cancellationToken) => await connection.StartAsync(cancellationToken));

    /// <summary>Closes every connection, a few at a time.</summary>
    public static Task StopAllAsync(IEnumerable<HubConnection> connections) =>
        Parallel.ForEachAsync(
            connections,
            new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (connection, _) => await connection.DisposeAsync());
}
