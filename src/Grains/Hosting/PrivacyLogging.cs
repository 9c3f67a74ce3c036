using Microsoft.Extensions.DependencyInjection;

namespace Nettiturvakoti.Hosting;

/// <summary>
/// Keeps what people write and where they connect from out of the logs, whatever log levels are
/// configured: the components that would log message payloads, arguments or client addresses at
/// their more detailed levels are held at Information or above, and any configured rule that
/// would let them lower is raised to it. A configuration that asks for less (Warning) is kept.
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
        // A rule naming a sensitive component, or a part of one, may not go below Information.
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (IsSensitive(rule.CategoryName) && (rule.LogLevel ?? LogLevel.Trace) < LogLevel.Information)
            {
                options.Rules[i] = new LoggerFilterRule(rule.ProviderName, rule.CategoryName, LogLevel.Information, rule.Filter);
            }
        }

        // A wider rule (the default, "Microsoft", a provider's own default) may let a sensitive
        // component log below Information: for each provider named in the rules, and for all
        // others, such a component gets a rule of its own at Information. Where the configuration
        // already asks for less (Warning, say), it is left as configured.
        var providers = options.Rules.Select(r => r.ProviderName).Distinct().ToList();
        if (!providers.Contains(null))
        {
            providers.Add(null);
        }

        foreach (var provider in providers)
        {
            foreach (var category in SensitiveCategories)
            {
                if (EffectiveLevel(options, provider, category) < LogLevel.Information)
                {
                    options.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.Information, null));
                }
            }
        }
    }

    // The level the logging framework would choose for a category and provider: a rule for the
    // provider beats a rule for all providers, then the longest matching category wins, then the
    // later rule.
    private static LogLevel EffectiveLevel(LoggerFilterOptions options, string? provider, string category)
    {
        LoggerFilterRule? best = null;
        foreach (var rule in options.Rules)
        {
            if ((rule.ProviderName is not null && rule.ProviderName != provider) || !Covers(rule.CategoryName, category))
            {
                continue;
            }

            if (best is null
                || (rule.ProviderName is not null && best.ProviderName is null)
                || ((rule.ProviderName is null) == (best.ProviderName is null)
                    && (rule.CategoryName?.Length ?? 0) >= (best.CategoryName?.Length ?? 0)))
            {
                best = rule;
            }
        }

        return best is null ? options.MinLevel : best.LogLevel ?? LogLevel.Trace;
    }

    private static bool Covers(string? ruleCategory, string category)
    {
        if (ruleCategory is null)
        {
            return true;
        }

        var star = ruleCategory.IndexOf('*', StringComparison.Ordinal);
        return star < 0
            ? category.StartsWith(ruleCategory, StringComparison.OrdinalIgnoreCase)
            : category.StartsWith(ruleCategory[..star], StringComparison.OrdinalIgnoreCase)
                && category.EndsWith(ruleCategory[(star + 1)..], StringComparison.OrdinalIgnoreCase);
    }
}
