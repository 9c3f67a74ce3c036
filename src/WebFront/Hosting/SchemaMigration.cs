using Nettiturvakoti.Hosting;
using Nettiturvakoti.Storage;

namespace Nettiturvakoti.WebFront.Hosting;

/// <summary>
/// Brings the schema up to date before the silo starts (hosted services start in order, and this
/// one is added first). Off when <c>Storage:MigrateOnStart</c> is false, as in production, where
/// the migrate command runs it instead.
/// </summary>
internal sealed class SchemaMigration(IConfiguration configuration, ILogger<SchemaMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var storage = configuration.GetStorageOptions();
        var hostsSilo = (configuration.GetSection(WebFrontOptions.SectionName).Get<WebFrontOptions>() ?? new()).Orleans
            == OrleansMode.CoHosted;
        if (storage.MigrateOnStart && hostsSilo)
        {
            await SchemaMigrator.MigrateAsync(storage, logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
