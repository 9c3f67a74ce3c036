using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.WebFront.Security;

namespace Nettiturvakoti.WebFront.Pages.Account;

[Authorize(Policy = Policies.LoggedIn)]
public sealed class PasswordModel(IGrainFactory grains) : PageModel
{
    [BindProperty]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    public string NewPassword { get; set; } = "";

    [BindProperty]
    public string RepeatPassword { get; set; } = "";

    public string? Error { get; private set; }

    public bool MustChange => User.HasClaim(c => c.Type == AccountClaims.MustChangePassword);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (NewPassword != RepeatPassword)
        {
            Error = "The new passwords differ.";
            return Page();
        }

        var id = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        try
        {
            var account = await grains.GetGrain<IAccountGrain>(id).ChangePasswordAsync(CurrentPassword, NewPassword);
            await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountClaims.For(account));
            return Redirect("/console");
        }
        catch (ChatRuleException error)
        {
            Error = error.Message;
            return Page();
        }
        finally
        {
            CurrentPassword = NewPassword = RepeatPassword = "";
        }
    }
}
