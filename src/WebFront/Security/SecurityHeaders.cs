namespace Nettiturvakoti.WebFront.Security;

/// <summary>
/// Headers on every answer: no script but the app's own files, no framing, no referrer, and
/// nothing kept in any cache (a seeker's device may be watched).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string ContentPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // The Orleans dashboard (supervisors only) sets styles inline; nothing else differs.
    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var policy = context.Request.Path.StartsWithSegments(Hosting.WebFrontApp.DashboardPath) ? DashboardPolicy : ContentPolicy;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
