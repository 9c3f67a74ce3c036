using System.Net;
using System.Text;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Infrastructure;

namespace Nettiturvakoti.Tests.WebFront;

[Collection(SqliteWebFront.Name)]
public sealed class LoginTests(SqliteWebFrontFixture fixture)
{
    private Uri Address => fixture.Host.BaseAddress;

    [Theory]
    [InlineData("supervisor", "wrong password entirely")]
    [InlineData("nobody-by-this-name", "whatever password")]
    public async Task Login_WrongPasswordOrUnknownUser_SameRefusalAndNoCookie(string userName, string password)
    {
        var cookies = new CookieContainer();

        var (response, body) = await ChatClients.PostLoginAsync(Address, cookies, userName, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The user name or password is not right", body, StringComparison.Ordinal);
        Assert.DoesNotContain(cookies.GetCookies(Address), c => c.Name == "ntk.auth");
    }

    [Fact]
    public async Task Login_ConfiguredSupervisor_ReachesTheConsole()
    {
        var cookies = await ChatClients.LogInAsync(Address, "supervisor", fixture.Host.SupervisorPassword);
        using var http = ChatClients.HttpFor(Address, cookies);

        var console = await http.GetAsync("/console");

        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        var auth = Assert.Single(cookies.GetCookies(Address), c => c.Name == "ntk.auth");
        Assert.True(auth.HttpOnly);
    }

    [Fact]
    public async Task Console_WithoutLogin_SentToLoginPage()
    {
        using var http = ChatClients.HttpFor(Address, new CookieContainer());

        var response = await http.GetAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_PostWithoutAntiforgeryToken_Refused()
    {
        using var http = ChatClients.HttpFor(Address, new CookieContainer());

        var response = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "supervisor",
            ["Password"] = fixture.Host.SupervisorPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

/// <summary>A new installation with no configured password: the one-time password flow.</summary>
public sealed class FirstLoginTests
{
    [Fact]
    public async Task FirstStart_NoConfiguredPassword_OneTimePasswordFileThenMustChange()
    {
        var storage = await TestDatabases.CreateAsync(StorageProvider.Sqlite);
        await using var host = new WebFrontHost(storage, new Dictionary<string, string?> { ["Bootstrap:SupervisorPassword"] = "" });
        try
        {
            await host.StartAsync();
            var file = Path.Combine(storage.DataDirectory, "first-login.txt");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            var oneTime = File.ReadAllLines(file).Single(l => l.StartsWith("one-time password: ", StringComparison.Ordinal))[19..];

            var cookies = new CookieContainer();
            var (login, _) = await ChatClients.PostLoginAsync(host.BaseAddress, cookies, "supervisor", oneTime);
            using var http = ChatClients.HttpFor(host.BaseAddress, cookies);
            var consoleBefore = await http.GetAsync("/console");
            var form = await http.GetStringAsync("/account/password");
            var change = await http.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["CurrentPassword"] = oneTime,
                ["NewPassword"] = "my own long passphrase",
                ["RepeatPassword"] = "my own long passphrase",
                ["__RequestVerificationToken"] = ChatClients.AntiforgeryToken(form),
            }));
            var consoleAfter = await http.GetAsync("/console");

            Assert.Equal("/account/password", login.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.Redirect, consoleBefore.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
            Assert.Equal(HttpStatusCode.OK, consoleAfter.StatusCode);
            Assert.False(await StoredAnywhereAsync(storage, oneTime));
            Assert.False(await StoredAnywhereAsync(storage, "my own long passphrase"));
            Assert.Contains(host.Logs.Lines, l => l.Contains("first-login.txt", StringComparison.Ordinal));
            Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(oneTime, StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync();
            await TestDatabases.DropAsync(storage);
        }
    }

    // Passwords live only as salted hashes: neither the text nor its UTF-8 bytes are in any row.
    private static async Task<bool> StoredAnywhereAsync(StorageOptions storage, string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        await using var connection = await Db.OpenAsync(storage);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE payload IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var payload = (byte[])reader[0];
            if (payload.AsSpan().IndexOf(bytes) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
