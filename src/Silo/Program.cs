using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Nettiturvakoti.Hosting;
using Nettiturvakoti.Silo;
using Nettiturvakoti.Storage;

// A silo of a cluster deployment: grains only, no pages. Web fronts connect to it as clients.
// `migrate` brings the schema up to date and exits, for deployments that do not migrate on start.
// docs/deploy.md describes the settings, the health endpoints and how the silo stops.
var migrate = args.Length > 0 && args[0] == "migrate";
var builder = WebApplication.CreateBuilder(migrate ? args[1..] : args);
var storage = builder.Configuration.GetStorageOptions();
using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole());
var startup = loggers.CreateLogger("Nettiturvakoti.Silo");

if (migrate)
{
    var applied = await SchemaMigrator.MigrateAsync(storage, startup);
    Console.WriteLine($"Schema is up to date ({applied} script(s) applied).");
    return;
}

if (storage.MigrateOnStart)
{
    await SchemaMigrator.MigrateAsync(storage, startup);
}

// On SIGTERM the host stops the silo, which hands its grains and its part of the directory to
// the silos that stay and leaves the membership table; this is how long that may take.
var cluster = ClusterSettings.From(builder.Configuration);
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = cluster.ShutdownTimeout);

builder.Services.AddPrivacyLogging();
builder.UseOrleans(silo => silo
    .UseNettiturvakotiClustering(builder.Configuration)
    .AddNettiturvakotiGrains(builder.Configuration));
builder.Services.AddNettiturvakotiMetrics(builder.Configuration, "nettiturvakoti-silo");
builder.Services.AddHealthChecks().AddCheck<SiloReadiness>("silo", tags: [SiloReadiness.Tag]);

var app = builder.Build();
var live = new HealthCheckOptions { Predicate = _ => false };
app.MapHealthChecks("/health", live);
app.MapHealthChecks("/health/live", live);
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(SiloReadiness.Tag) });
app.MapNettiturvakotiMetrics(builder.Configuration);
await app.RunAsync();
