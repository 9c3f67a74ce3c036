using Nettiturvakoti.Conversations;

namespace Nettiturvakoti.WebFront.Hosting;

/// <summary>The seeker page's two plain HTTP endpoints.</summary>
public static class SeekerEndpoints
{
    /// <summary>Maps <c>GET /api/seeker/settings</c> and <c>POST /api/seeker/quick-exit</c>.</summary>
    public static void MapSeekerEndpoints(this IEndpointRouteBuilder app)
    {
        // What the page needs to know before it connects: where the quick exit goes.
        app.MapGet("/api/seeker/settings", (IConfiguration configuration) =>
            Results.Json(new { quickExitUrl = QuickExitUrl(configuration) }));

        // The quick exit, sent with navigator.sendBeacon as the page leaves, so that it reaches the
        // server even though the page is gone a moment later. Proven by the conversation's secret,
        // like every seeker action; no cookie is involved.
        app.MapPost("/api/seeker/quick-exit", async (HttpRequest request, IGrainFactory grains) =>
        {
            if (!request.HasFormContentType)
            {
                return Results.BadRequest(new { error = ErrorCodes.BadRequest });
            }

            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync();
            }
            catch (Exception error) when (error is InvalidDataException or BadHttpRequestException)
            {
                return Results.BadRequest(new { error = ErrorCodes.BadRequest });
            }

            if (!Guid.TryParse(form["conversationId"], out var id) || form["secret"].ToString() is not { Length: > 0 and <= 128 } secret)
            {
                return Results.BadRequest(new { error = ErrorCodes.BadRequest });
            }

            var conversation = grains.GetGrain<IConversationGrain>(id);
            if (!await conversation.IsSeekerAsync(secret))
            {
                return Results.NotFound(new { error = ErrorCodes.NotYourConversation });
            }

            await conversation.QuickExitAsync();
            return Results.NoContent();
        }).DisableAntiforgery();
    }

    private static string QuickExitUrl(IConfiguration configuration) =>
        configuration.GetSection(WebFrontOptions.SectionName).Get<WebFrontOptions>()?.QuickExitUrl
        ?? new WebFrontOptions().QuickExitUrl;
}
