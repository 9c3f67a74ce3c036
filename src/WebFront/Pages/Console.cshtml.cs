using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nettiturvakoti.WebFront.Security;

namespace Nettiturvakoti.WebFront.Pages;

[Authorize(Policy = Policies.Counsellor)]
public sealed class ConsoleModel : PageModel
{
    public void OnGet()
    {
    }
}
