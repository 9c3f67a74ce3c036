using Microsoft.Extensions.DependencyInjection;

namespace Nettiturvakoti.Hosting;

/// <summary>
/// Keeps what people write and where they connect from out of the logs, whatever log levels are
/// configured: the components that would log message payloads, arguments or client addresses at
/// their more detailed levels are held at Information, and any configured rule that would let
/// them lower is raised to it.
/// </summary>
public static class PrivacyLogging
{
    private static readonly string[] SensitiveCategories =
    [
        "Microsoft.AspNetCore.SignalR",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.HttpOverrides",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Mvc",
        "Microsoft.AspNetCore.Antiforgery",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "Npgsql",
        "Orleans",
        "Polly",
    ];

    /// <summary>Applies the limits to every logging configuration of the host.</summary>
    public static IServiceCollection AddPrivacyLogging(this IServiceCollection services) =>
        services.PostConfigure<LoggerFilterOptions>(Clamp);

    /// <summary>Whether a log category is one held at Information or above.</summary>
    public static bool IsSensitive(string? category) =>
        category is not null && SensitiveCategories.Any(s => category.StartsWith(s, StringComparison.Ordinal));

    private static void Clamp(LoggerFilterOptions options)
    {
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (IsSensitive(rule.CategoryName) && (rule.LogLevel ?? LogLevel.Trace) < LogLevel.Information)
            {
                options.Rules[i] = new LoggerFilterRule(rule.ProviderName, rule.CategoryName, LogLevel.Information, rule.Filter);
            }
        }

        foreach (var category in SensitiveCategories)
        {
            options.Rules.Add(new LoggerFilterRule(null, category, LogLevel.Information, null));
        }
    }
}
