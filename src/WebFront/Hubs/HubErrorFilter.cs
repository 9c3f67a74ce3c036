using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.WebFront.Security;

namespace Nettiturvakoti.WebFront.Hubs;

/// <summary>
/// Runs around every hub call. On the staff hubs it first checks that the account is still as it
/// was at login (not disabled, password and roles unchanged), so that a disabled account's open
/// console stops working at once; then it turns rule errors into hub errors the caller can read
/// ("code: message"), and cluster trouble into a retryable "unavailable" error. Other errors reach
/// the client as SignalR's generic error, with no detail.
/// </summary>
public sealed partial class HubErrorFilter(IGrainFactory grains, TimeProvider time, ILogger<HubErrorFilter> logger) : IHubFilter
{
    private const string CheckedAtKey = "account-checked-at";
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            if (invocationContext.Hub is CounsellorHub or SupervisorHub)
            {
                await EnsureAccountStillValidAsync(invocationContext.Context);
            }

            return await next(invocationContext);
        }
        catch (ChatRuleException error)
        {
            throw new HubException($"{error.Code}: {error.Message}");
        }
        catch (Exception error) when (error is TimeoutException or Orleans.Runtime.OrleansException)
        {
            LogUnavailable(logger, invocationContext.HubMethodName, error.GetType().Name);
            throw new HubException($"{ErrorCodes.Unavailable}: The service is busy; try again.");
        }
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
}
