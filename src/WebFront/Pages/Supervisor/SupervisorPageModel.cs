using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.WebFront.Security;

namespace Nettiturvakoti.WebFront.Pages.Supervisor;

/// <summary>
/// A page only supervisors reach. When the service requires a second factor for supervisors, a
/// supervisor who logged in without one is sent to set it up first.
/// </summary>
[Authorize(Policy = Policies.Supervisor)]
public abstract class SupervisorPageModel(IGrainFactory grains) : PageModel
{
    protected IGrainFactory Grains { get; } = grains;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (await SecondFactorMissingAsync(Grains, User))
        {
            context.Result = new RedirectResult("/account/security");
            return;
        }

        await next();
    }

    /// <summary>Whether the service requires a second factor for supervisors and this login had none.</summary>
    public static async Task<bool> SecondFactorMissingAsync(IGrainFactory grains, System.Security.Claims.ClaimsPrincipal user) =>
        !user.HasClaim(c => c.Type == AccountClaims.SecondFactor)
        && await grains.GetGrain<IAccountDirectoryGrain>(0).IsSecondFactorRequiredAsync();
}
