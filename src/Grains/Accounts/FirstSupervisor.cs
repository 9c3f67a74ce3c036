using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Nettiturvakoti.Storage;

namespace Nettiturvakoti.Accounts;

/// <summary>
/// Creates the first supervisor when a silo starts on an empty installation. The password comes
/// from configuration, or is generated once and written to a file only its owner can read; it
/// never goes to a log.
/// </summary>
internal sealed partial class FirstSupervisor(
    IGrainFactory grains,
    IOptions<BootstrapOptions> bootstrap,
    IOptions<StorageOptions> storage,
    ILogger<FirstSupervisor> logger)
{
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var options = bootstrap.Value;
        var generated = string.IsNullOrEmpty(options.SupervisorPassword);
        var password = generated ? GeneratePassword() : options.SupervisorPassword!;

        var account = await grains.GetGrain<IAccountDirectoryGrain>(0).CreateFirstSupervisorAsync(new NewAccount(
            options.SupervisorUserName,
            options.SupervisorUserName,
            AccountRoles.Supervisor | AccountRoles.Counsellor,
            [],
            password,
            MustChangePassword: generated));
        if (account is null)
        {
            return;
        }

        if (!generated)
        {
            LogCreatedFromConfiguration(logger, account.UserName);
            return;
        }

        var file = options.OneTimePasswordFile
            ?? Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), "first-login.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(file, fileOptions))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync($"user name: {account.UserName}");
            await writer.WriteLineAsync($"one-time password: {password}");
            await writer.WriteLineAsync("Log in at /login and choose your own password; then delete this file.");
        }

        LogCreatedWithOneTimePassword(logger, account.UserName, file);
    }

    private static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Created the first supervisor '{UserName}' with the configured password")]
    private static partial void LogCreatedFromConfiguration(ILogger logger, string userName);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Created the first supervisor '{UserName}'; the one-time password is in {File}")]
    private static partial void LogCreatedWithOneTimePassword(ILogger logger, string userName, string file);
}
