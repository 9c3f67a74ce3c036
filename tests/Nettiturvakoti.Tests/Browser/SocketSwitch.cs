using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Nettiturvakoti.Tests.Browser;

/// <summary>
/// Passes a context's WebSockets through Playwright so a test can drop them as a lost network
/// would. (Chromium's offline emulation stops new requests but leaves open sockets alone.)
/// </summary>
public sealed class SocketSwitch(IBrowserContext context)
{
    private readonly List<(IWebSocketRoute Page, IWebSocketRoute Server)> _open = [];
    private int _opened;

    /// <summary>How many sockets the pages have opened so far.</summary>
    public int Opened => Volatile.Read(ref _opened);

    /// <summary>Starts routing: call before the page opens its sockets.</summary>
    public Task RouteAsync() => context.RouteWebSocketAsync(new Regex(".*"), route =>
    {
        var server = route.ConnectToServer();
        Interlocked.Increment(ref _opened);
        lock (_open)
        {
            _open.Add((route, server));
        }
    });

    /// <summary>Closes every socket opened so far, on both ends.</summary>
    public async Task DropAllAsync()
    {
        List<(IWebSocketRoute Page, IWebSocketRoute Server)> open;
        lock (_open)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var (page, server) in open)
        {
            await server.CloseAsync(new() { Code = 1001, Reason = "network lost" });
            await page.CloseAsync(new() { Code = 1006, Reason = "network lost" });
        }
    }
}
