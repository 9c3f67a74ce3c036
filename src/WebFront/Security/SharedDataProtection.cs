using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Nettiturvakoti.WebFront.Security;

/// <summary>Data Protection with its keys in the service's database, shared by every web front.</summary>
public static class SharedDataProtection
{
    /// <summary>
    /// The name every web front protects its cookies under. Data Protection otherwise derives one
    /// from the install folder, and web fronts installed in different folders would not read each
    /// other's cookies.
    /// </summary>
    public const string ApplicationName = "nettiturvakoti";

    /// <summary>
    /// Stores the keys in the <c>data_protection_key</c> table through
    /// <see cref="DatabaseKeyRepository"/>. Needs the <c>Storage</c> options registered. Call before
    /// anything else adds Data Protection, so that the key ring is loaded under the database lock
    /// before Data Protection's own start-up reads it.
    /// </summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseKeyRepository>();
        services.AddHostedService<SharedKeyRing>();
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(keys => keys.XmlRepository = provider.GetRequiredService<DatabaseKeyRepository>()));
        return services;
    }
}
