using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.WebFront.Security;

namespace Nettiturvakoti.WebFront.Pages;

public sealed partial class LoginModel(
    IGrainFactory grains, IDataProtectionProvider protection, TimeProvider time, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var id = await grains.GetGrain<IAccountDirectoryGrain>(0).FindAsync(UserName ?? "");

        // An unknown user name is checked against an account that does not exist, which takes
        // as long as a wrong password does.
        var outcome = await grains.GetGrain<IAccountGrain>(id ?? Guid.NewGuid()).CheckPasswordAsync(Password ?? "");
        Password = "";
        if (outcome.SecondFactorRequired && id is { } accountId)
        {
            new PendingLogin(protection, time).Begin(HttpContext, accountId, ReturnUrl);
            return Redirect("/login/code");
        }

        if (!outcome.Succeeded || outcome.Account is null)
        {
            LogLoginFailed(logger);
            Failed = true;
            return Page();
        }

        LogLoggedIn(logger, outcome.Account.Id);
        return await SignInAsync(HttpContext, outcome.Account, ReturnUrl, secondFactor: false);
    }

    /// <summary>Issues the login cookie and sends the person on: first to set a password if they must.</summary>
    public static async Task<IActionResult> SignInAsync(HttpContext context, AccountView account, string? returnUrl, bool secondFactor)
    {
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountClaims.For(account, secondFactor));
        if (account.MustChangePassword)
        {
            return new RedirectResult("/account/password");
        }

        var target = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            ? returnUrl
            : account.Roles.HasFlag(AccountRoles.Counsellor) ? "/console" : "/supervisor";
        return new LocalRedirectResult(target);
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Account {AccountId} logged in")]
    private static partial void LogLoggedIn(ILogger logger, Guid accountId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "A login failed")]
    private static partial void LogLoginFailed(ILogger logger);
}
