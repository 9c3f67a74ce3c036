using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Nettiturvakoti.Accounts;

namespace Nettiturvakoti.WebFront.Security;

/// <summary>What the login cookie says about an account, and how it is kept honest.</summary>
public static class AccountClaims
{
    /// <summary>Present while the person must set a new password.</summary>
    public const string MustChangePassword = "ntk:must-change-password";

    /// <summary>The account's security stamp when the cookie was issued.</summary>
    public const string SecurityStamp = "ntk:stamp";

    /// <summary>Present when the login used a one-time code as well as the password.</summary>
    public const string SecondFactor = "ntk:2fa";

    /// <summary>The identity a login cookie carries for <paramref name="account"/>.</summary>
    public static ClaimsPrincipal For(AccountView account, bool secondFactor = false)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Name, account.UserName),
            new(SecurityStamp, account.SecurityStamp),
        };
        claims.AddRange(RoleNames.Of(account.Roles).Select(role => new Claim(ClaimTypes.Role, role)));
        if (account.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePassword, "true"));
        }

        if (secondFactor)
        {
            claims.Add(new Claim(SecondFactor, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>
    /// Ends a login whose account was disabled, deleted or changed (password, roles) since the
    /// cookie was issued.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(SecurityStamp);
        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var account = Guid.TryParse(id, out var accountId)
            ? await grains.GetGrain<IAccountGrain>(accountId).GetAsync()
            : null;
        if (account is null || account.Disabled || account.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
        }
    }
}
