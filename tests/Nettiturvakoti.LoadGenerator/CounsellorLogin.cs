using System.Net;
using System.Text.RegularExpressions;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>Logs in through the real /login form, as a browser does, and keeps the cookie.</summary>
public static partial class CounsellorLogin
{
    /// <summary>The cookies after a successful login (the ntk.auth cookie among them).</summary>
    public static async Task<CookieContainer> LogInAsync(Uri server, string userName, string password)
    {
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(1) };

        var page = await http.GetStringAsync(new Uri("login", UriKind.Relative));
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The login page had no antiforgery token.");
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
        });
        using var answer = await http.PostAsync(new Uri("login", UriKind.Relative), form);
        if (answer.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(server)["ntk.auth"] is null)
        {
            throw new InvalidOperationException($"Logging in {userName} failed: {(int)answer.StatusCode}.");
        }

        return cookies;
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
