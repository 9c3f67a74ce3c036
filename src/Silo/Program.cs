using Nettiturvakoti.Hosting;
using Nettiturvakoti.Storage;

// A silo of a cluster deployment: grains only, no pages. Web fronts connect to it as clients.
// `migrate` brings the schema up to date and exits, for deployments that do not migrate on start.
var builder = WebApplication.CreateBuilder(args.Length > 0 && args[0] == "migrate" ? args[1..] : args);
var storage = builder.Configuration.GetStorageOptions();
using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole());
var startup = loggers.CreateLogger("Nettiturvakoti.Silo");

if (args.Length > 0 && args[0] == "migrate")
{
    var applied = await SchemaMigrator.MigrateAsync(storage, startup);
    Console.WriteLine($"Schema is up to date ({applied} script(s) applied).");
    return;
}

if (storage.MigrateOnStart)
{
    await SchemaMigrator.MigrateAsync(storage, startup);
}

builder.Services.AddPrivacyLogging();
builder.UseOrleans(silo => silo
    .UseNettiturvakotiClustering(builder.Configuration)
    .AddNettiturvakotiGrains(builder.Configuration));

var app = builder.Build();
app.MapGet("/health", () => Results.Ok("alive"));
await app.RunAsync();
