using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.WebFront.Security;
using Orleans.Runtime;

namespace Nettiturvakoti.WebFront.Hubs;

/// <summary>
/// The open connections of counsellors and supervisors. Every ten seconds each account with a
/// connection here is looked up once; a connection whose account was disabled, or whose password
/// or roles changed since its login, is closed, even if it makes no calls. (Calls check the
/// account too, in <see cref="HubErrorFilter"/>.)
/// </summary>
public sealed partial class StaffConnections(IGrainFactory grains, TimeProvider time, ILogger<StaffConnections> logger)
    : BackgroundService
{
    /// <summary>How often open connections are checked against their accounts.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new(StringComparer.Ordinal);

    /// <summary>Starts watching a staff connection.</summary>
    public void Add(HubCallerContext context) => _open[context.ConnectionId] = context;

    /// <summary>Stops watching a connection that closed.</summary>
    public void Remove(HubCallerContext context) => _open.TryRemove(context.ConnectionId, out _);

    /// <summary>Closes every watched connection whose account no longer matches its login.</summary>
    public async Task CheckAsync()
    {
        foreach (var group in _open.Values.GroupBy(c => c.User?.FindFirstValue(ClaimTypes.NameIdentifier) ?? ""))
        {
            var account = Guid.TryParse(group.Key, out var id) ? await grains.GetGrain<IAccountGrain>(id).GetAsync() : null;
            foreach (var context in group)
            {
                if (account is null || account.Disabled
                    || account.SecurityStamp != context.User?.FindFirstValue(AccountClaims.SecurityStamp))
                {
                    LogClosed(logger);
                    Remove(context);
                    context.Abort();
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, time);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await CheckAsync();
            }
            catch (Exception error) when (error is TimeoutException or OrleansException)
            {
                LogCheckFailed(logger, error.GetType().Name);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 5210, Level = LogLevel.Information, Message = "Closed a staff connection whose login no longer holds")]
    private static partial void LogClosed(ILogger logger);

    [LoggerMessage(EventId = 5211, Level = LogLevel.Warning, Message = "Could not check staff connections: {ErrorType}")]
    private static partial void LogCheckFailed(ILogger logger, string errorType);
}
