namespace Nettiturvakoti.WebFront.Pages.Supervisor;

public sealed class IndexModel(IGrainFactory grains) : SupervisorPageModel(grains)
{
    public void OnGet()
    {
    }
}
