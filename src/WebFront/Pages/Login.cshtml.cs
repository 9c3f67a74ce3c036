using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.WebFront.Security;

namespace Nettiturvakoti.WebFront.Pages;

public sealed partial class LoginModel(IGrainFactory grains, ILogger<LoginModel> logger) : PageModel
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
        if (!outcome.Succeeded || outcome.Account is null)
        {
            LogLoginFailed(logger);
            Failed = true;
            return Page();
        }

        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme, AccountClaims.For(outcome.Account));
        LogLoggedIn(logger, outcome.Account.Id);
        if (outcome.Account.MustChangePassword)
        {
            return Redirect("/account/password");
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/console");
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Account {AccountId} logged in")]
    private static partial void LogLoggedIn(ILogger logger, Guid accountId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "A login failed")]
    private static partial void LogLoginFailed(ILogger logger);
}
