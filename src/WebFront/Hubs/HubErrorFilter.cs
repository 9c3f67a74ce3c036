using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.WebFront.Hosting;
using Nettiturvakoti.WebFront.Security;

namespace Nettiturvakoti.WebFront.Hubs;

/// <summary>
/// Runs around every hub call. On the staff hubs it first checks that the account is still as it
/// was at login (not disabled, password and roles unchanged), so that a disabled account's open
/// console stops working at once; then it turns rule errors into hub errors the caller can read
/// ("code: message"), and cluster trouble into a retryable "unavailable" error. Other errors reach
/// the client as SignalR's generic error, with no detail. Every failure is counted in
/// <see cref="WebFrontMetrics"/>; staff connections are handed to <see cref="StaffConnections"/>,
/// which closes them when their account changes even if they make no calls.
/// </summary>
public sealed partial class HubErrorFilter(
    IGrainFactory grains,
    IConfiguration configuration,
    TimeProvider time,
    StaffConnections staff,
    ILogger<HubErrorFilter> logger) : IHubFilter
{
    private const string CheckedAtKey = "account-checked-at";
    private const string BucketKey = "call-bucket";
    private const string CountedKey = "counted";
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    private readonly WebFrontOptions _options =
        configuration.GetSection(WebFrontOptions.SectionName).Get<WebFrontOptions>() ?? new();

    /// <summary>Refuses connections opened by pages of origins that are not allowed.</summary>
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var request = context.Context.GetHttpContext()?.Request;
        var origin = request?.Headers.Origin.ToString();
        if (!string.IsNullOrEmpty(origin) && !IsAllowedOrigin(origin, request!))
        {
            LogOriginRefused(logger, context.Hub.GetType().Name);
            context.Context.Abort();
            return;
        }

        await next(context);
        context.Context.Items[CountedKey] = true;
        WebFrontMetrics.ConnectionChanged(context.Hub.GetType().Name, +1);
        if (context.Hub is CounsellorHub or SupervisorHub)
        {
            staff.Add(context.Context);
        }
    }

    public async Task OnDisconnectedAsync(
        HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        staff.Remove(context.Context);
        if (context.Context.Items.Remove(CountedKey))
        {
            WebFrontMetrics.ConnectionChanged(context.Hub.GetType().Name, -1);
        }

        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            if (!TakeToken(invocationContext.Context))
            {
                throw new ChatRuleException(ErrorCodes.RateLimited, "Too many calls; slow down a little.");
            }

            if (invocationContext.Hub is CounsellorHub or SupervisorHub)
            {
                await EnsureAccountStillValidAsync(invocationContext.Context);
            }

            return await next(invocationContext);
        }
        catch (ChatRuleException error)
        {
            WebFrontMetrics.CallFailed(invocationContext.Hub.GetType().Name, error.Code);
            throw new HubException($"{error.Code}: {error.Message}");
        }
        catch (Exception error) when (error is TimeoutException or Orleans.Runtime.OrleansException)
        {
            LogUnavailable(logger, invocationContext.HubMethodName, error.GetType().Name);
            WebFrontMetrics.CallFailed(invocationContext.Hub.GetType().Name, ErrorCodes.Unavailable);
            throw new HubException($"{ErrorCodes.Unavailable}: The service is busy; try again.");
        }
        catch (Exception error) when (error is not HubException)
        {
            WebFrontMetrics.CallFailed(invocationContext.Hub.GetType().Name, "internal");
            throw;
        }
    }

    private bool IsAllowedOrigin(string origin, HttpRequest request) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
        || _options.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));

    // A token bucket per connection: a burst is fine, a flood is refused.
    private bool TakeToken(HubCallerContext context)
    {
        var now = time.GetUtcNow();
        if (!context.Items.TryGetValue(BucketKey, out var held) || held is not CallBucket bucket)
        {
            bucket = new CallBucket { Tokens = _options.CallBurst, At = now };
            context.Items[BucketKey] = bucket;
        }

        bucket.Tokens = Math.Min(_options.CallBurst, bucket.Tokens + ((now - bucket.At).TotalSeconds * _options.CallsPerSecond));
        bucket.At = now;
        if (bucket.Tokens < 1)
        {
            return false;
        }

        bucket.Tokens -= 1;
        return true;
    }

    private async Task EnsureAccountStillValidAsync(HubCallerContext context)
    {
        var now = time.GetUtcNow();
        if (context.Items.TryGetValue(CheckedAtKey, out var checkedAt) && checkedAt is DateTimeOffset at && now - at < CheckEvery)
        {
            return;
        }

        var user = context.User;
        var account = Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? await grains.GetGrain<IAccountGrain>(id).GetAsync()
            : null;
        if (account is null || account.Disabled || account.SecurityStamp != user!.FindFirstValue(AccountClaims.SecurityStamp))
        {
            context.Abort();
            throw new ChatRuleException(ErrorCodes.AccountDisabled, "This login has ended; log in again.");
        }

        context.Items[CheckedAtKey] = now;
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Hub method {Method} failed with {ErrorType}")]
    private static partial void LogUnavailable(ILogger logger, string method, string errorType);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Refused a {Hub} connection from a page of another origin")]
    private static partial void LogOriginRefused(ILogger logger, string hub);

    private sealed class CallBucket
    {
        public double Tokens { get; set; }

        public DateTimeOffset At { get; set; }
    }
}
