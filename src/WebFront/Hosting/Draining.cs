namespace Nettiturvakoti.WebFront.Hosting;

/// <summary>
/// Once the web front has begun to stop (SIGTERM), new hub connections are refused with 503, so
/// that clients reconnecting through the load balancer land on another web front; pages, logins
/// and the quick exit are still served until the server closes. SignalR itself closes the open
/// connections at the same moment, and their clients reconnect elsewhere and catch up.
/// </summary>
public sealed class Draining(RequestDelegate next, IHostApplicationLifetime lifetime)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested && context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            context.Response.Headers.Connection = "close";
            return Task.CompletedTask;
        }

        return next(context);
    }
}
