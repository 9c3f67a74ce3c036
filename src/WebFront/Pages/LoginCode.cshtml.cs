using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.WebFront.Security;

namespace Nettiturvakoti.WebFront.Pages;

public sealed class LoginCodeModel(IGrainFactory grains, IDataProtectionProvider protection, TimeProvider time) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = "";

    public bool Failed { get; private set; }

    public IActionResult OnGet() =>
        new PendingLogin(protection, time).Read(HttpContext) is null ? Redirect("/login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (new PendingLogin(protection, time).Read(HttpContext) is not { } pending)
        {
            return Redirect("/login");
        }

        var outcome = await grains.GetGrain<IAccountGrain>(pending.AccountId).CheckSecondFactorAsync(Code ?? "");
        if (!outcome.Succeeded || outcome.Account is null)
        {
            Failed = true;
            return Page();
        }

        PendingLogin.End(HttpContext);
        return await LoginModel.SignInAsync(HttpContext, outcome.Account, pending.ReturnUrl, secondFactor: true);
    }
}
