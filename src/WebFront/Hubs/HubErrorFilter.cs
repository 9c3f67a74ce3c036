using Microsoft.AspNetCore.SignalR;

namespace Nettiturvakoti.WebFront.Hubs;

/// <summary>
/// Turns rule errors into hub errors the caller can read ("code: message"), and cluster trouble
/// into a retryable "unavailable" error. Other errors reach the client as SignalR's generic error,
/// with no detail.
/// </summary>
public sealed partial class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
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

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Hub method {Method} failed with {ErrorType}")]
    private static partial void LogUnavailable(ILogger logger, string method, string errorType);
}
