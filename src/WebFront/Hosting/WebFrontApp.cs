using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Hosting;
using Nettiturvakoti.Storage;
using Nettiturvakoti.WebFront.Benchmarks;
using Nettiturvakoti.WebFront.Hubs;
using Nettiturvakoti.WebFront.Relay;
using Nettiturvakoti.WebFront.Security;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Nettiturvakoti.WebFront.Hosting;

/// <summary>Builds the web front: pages, hubs, login, and the silo or cluster client behind them.</summary>
public static class WebFrontApp
{
    // The largest message a staff hub accepts: fifty prepared texts of the longest kind, in JSON.
    private const int StaffMessageSize = 512 * 1024;

    /// <summary>
    /// Creates the application from command-line arguments and configuration. Tests pass
    /// <paramref name="customize"/> to add settings or replace services before it is built.
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = FindContentRoot(),
            // The pages live in this assembly, whichever process hosts it (tests included).
            ApplicationName = typeof(WebFrontApp).Assembly.GetName().Name,
        });
        customize?.Invoke(builder);
        builder.Services.AddPrivacyLogging();
        ConfigureServices(builder);

        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    private static void ConfigureServices(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var options = configuration.GetSection(WebFrontOptions.SectionName).Get<WebFrontOptions>() ?? new();
        var services = builder.Services;

        // On SIGTERM: hub connections are closed and new ones refused (Draining), then the server and
        // the silo or cluster client stop; this is how long all of that may take.
        var cluster = ClusterSettings.From(configuration);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = cluster.ShutdownTimeout);

        services.AddHostedService<SchemaMigration>();
        if (options.Orleans == OrleansMode.CoHosted)
        {
            builder.UseOrleans(silo => silo
                .UseNettiturvakotiClustering(configuration)
                .AddNettiturvakotiGrains(configuration));
        }
        else
        {
            // A client has no grain services of its own; the key ring and readiness need the database.
            services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
            builder.UseOrleansClient(client => client.UseNettiturvakotiClusterClient(configuration));
        }

        services.TryAddSingleton<ChatDatabase>();
        services.AddSharedDataProtection();
        services.AddHealthChecks().AddCheck<Readiness>("grains-and-database", tags: [Readiness.Tag]);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GuidKeyedGrains<IConversationGrain>>();
        services.AddSingleton<ChatRelay>();
        services.AddSingleton<RelayEndpoint>();
        services.AddSingleton<QueueMirrors>();
        services.AddSingleton<ChatCatalogCache>();
        services.AddSingleton<WaitingSeekers>();
        services.AddSingleton<Benchmarks.BaselineCounters>();
        services.AddNettiturvakotiMetrics(configuration, "nettiturvakoti-webfront", WebFrontMetrics.MeterName);
        services.AddSingleton<StaffConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<StaffConnections>());
        services.AddSingleton<RelaySubscriptions>();
        services.AddHostedService(sp => sp.GetRequiredService<RelaySubscriptions>());

        // One filter for every call: without a registration SignalR would build a new one, and
        // bind its options again, for each call.
        services.AddSingleton<HubErrorFilter>();
        services.AddSignalR(hub =>
            {
                hub.EnableDetailedErrors = false;
                hub.MaximumReceiveMessageSize = 32 * 1024;
                hub.AddFilter<HubErrorFilter>();
            })
            // Staff save lists of prepared texts and whole chat definitions: larger messages.
            .AddHubOptions<CounsellorHub>(hub => hub.MaximumReceiveMessageSize = StaffMessageSize)
            .AddHubOptions<SupervisorHub>(hub => hub.MaximumReceiveMessageSize = StaffMessageSize)
            .AddJsonProtocol(json =>
            {
                json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            });

        services.AddRazorPages();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "ntk.antiforgery";
            antiforgery.Cookie.SecurePolicy = options.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "ntk.auth";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = options.SecureCookies
                    ? CookieSecurePolicy.Always
                    : CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/login";
                cookie.AccessDeniedPath = "/login";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = AccountClaims.ValidateAsync;
                cookie.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.LoggedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.Counsellor, policy => policy
                .RequireRole(RoleNames.Counsellor)
                .RequireAssertion(context => !context.User.HasClaim(c => c.Type == AccountClaims.MustChangePassword)))
            .AddPolicy(Policies.Supervisor, policy => policy
                .RequireRole(RoleNames.Supervisor)
                .RequireAssertion(context => !context.User.HasClaim(c => c.Type == AccountClaims.MustChangePassword)));

        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.TrustedProxies)
            {
                forwarded.KnownIPNetworks.Add(SeekerAddress.ParseNetwork(proxy));
            }
        });
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        var options = app.Configuration.GetSection(WebFrontOptions.SectionName).Get<WebFrontOptions>() ?? new();
        if (options.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<Draining>();
        var live = new HealthCheckOptions { Predicate = _ => false };
        app.MapHealthChecks("/health/live", live);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Readiness.Tag) });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapRazorPages();
        app.MapSeekerEndpoints();
        app.MapBaselineRelay();
        app.MapHub<SeekerHub>("/hubs/seeker");
        app.MapHub<CounsellorHub>("/hubs/counsellor");
        app.MapHub<SupervisorHub>("/hubs/supervisor");
        app.MapNettiturvakotiMetrics(app.Configuration);
        if (OperationsOptions.From(app.Configuration).Dashboard)
        {
            IEndpointConventionBuilder dashboard = app.MapOrleansDashboard(DashboardPath).RequireAuthorization(Policies.Supervisor);
            dashboard.Add(HideGrainState);
        }
    }

    /// <summary>Where supervisors find the Orleans dashboard.</summary>
    public const string DashboardPath = "/supervisor/orleans";

    // The dashboard can read any grain's state; a conversation's is not for supervisors' eyes.
    private static void HideGrainState(EndpointBuilder endpoint)
    {
        if (endpoint is RouteEndpointBuilder route
            && route.RoutePattern.RawText?.Contains("GrainState", StringComparison.OrdinalIgnoreCase) == true)
        {
            endpoint.RequestDelegate = context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
        }
    }

    // Browsers asking for a page are sent to the login page; hubs and scripts get a status code.
    private static Task Refuse(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/hubs") || context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    // The project folder when run from source or tests (where wwwroot is), else the app's folder.
    private static string FindContentRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "WebFront");
            if (File.Exists(Path.Combine(candidate, "Nettiturvakoti.WebFront.csproj")))
            {
                return candidate;
            }

            if (File.Exists(Path.Combine(folder.FullName, "Nettiturvakoti.WebFront.csproj")))
            {
                return folder.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
