using Microsoft.Extensions.Logging.Abstractions;
using Nettiturvakoti.Hosting;
using Nettiturvakoti.Storage;
using Nettiturvakoti.WebFront.Hosting;

if (args.Length > 0 && args[0] == "migrate")
{
    // The explicit schema step for deployments that run with Storage:MigrateOnStart=false.
    var configuration = new ConfigurationBuilder()
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args[1..])
        .Build();
    using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole());
    var applied = await SchemaMigrator.MigrateAsync(
        configuration.GetStorageOptions(), loggers.CreateLogger("Nettiturvakoti.Migrate"));
    Console.WriteLine($"Schema is up to date ({applied} script(s) applied).");
    return;
}

await WebFrontApp.Create(args).RunAsync();
