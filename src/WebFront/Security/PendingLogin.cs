using Microsoft.AspNetCore.DataProtection;

namespace Nettiturvakoti.WebFront.Security;

/// <summary>
/// Between the password and the one-time code: a short-lived, encrypted cookie that names the
/// account whose password was right, and nothing else. It logs nobody in by itself.
/// </summary>
public sealed class PendingLogin(IDataProtectionProvider protection, TimeProvider time)
{
    private const string CookieName = "ntk.pending";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector("Nettiturvakoti.PendingLogin");

    /// <summary>Remembers, for five minutes, that <paramref name="accountId"/> gave the right password.</summary>
    public void Begin(HttpContext context, Guid accountId, string? returnUrl)
    {
        var expires = (time.GetUtcNow() + Lifetime).ToUnixTimeSeconds();
        var value = _protector.Protect($"{accountId:N}|{expires}|{returnUrl}");
        context.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            MaxAge = Lifetime,
            Path = "/login",
        });
    }

    /// <summary>The account waiting for its code, or null when there is none (or it is too old).</summary>
    public (Guid AccountId, string? ReturnUrl)? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('|', 3);
            if (DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)) < time.GetUtcNow())
            {
                return null;
            }

            return (Guid.ParseExact(parts[0], "N"), parts[2].Length > 0 ? parts[2] : null);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Forgets the pending login.</summary>
    public static void End(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/login" });
}
