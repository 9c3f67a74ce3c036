using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.WebFront.Security;
using QRCoder;

namespace Nettiturvakoti.WebFront.Pages.Account;

[Authorize(Policy = Policies.LoggedIn)]
public sealed class SecurityModel(IGrainFactory grains) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = "";

    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    public TotpEnrollment? Enrollment { get; private set; }

    public string? QrSvg { get; private set; }

    public string? Error { get; private set; }

    private IAccountGrain Account => grains.GetGrain<IAccountGrain>(Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!));

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostBeginAsync()
    {
        await LoadAsync();
        if (!Enabled)
        {
            Enrollment = await Account.BeginSecondFactorAsync();
            QrSvg = Qr(Enrollment.Uri);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        try
        {
            var account = await Account.ConfirmSecondFactorAsync(Code ?? "");
            await LoginModel.SignInAsync(HttpContext, account, null, secondFactor: true);
            return Redirect("/account/security");
        }
        catch (ChatRuleException error)
        {
            Error = error.Message;
            Enrollment = await Account.BeginSecondFactorAsync(); // the same key as before
            QrSvg = Qr(Enrollment.Uri);
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        Enabled = (await Account.GetAsync())?.SecondFactor == true;
        Required = await grains.GetGrain<IAccountDirectoryGrain>(0).IsSecondFactorRequiredAsync();
    }

    private static string Qr(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
