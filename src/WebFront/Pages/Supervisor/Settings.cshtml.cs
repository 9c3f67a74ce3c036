using Microsoft.AspNetCore.Mvc;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.Topics;

namespace Nettiturvakoti.WebFront.Pages.Supervisor;

public sealed class SettingsModel(IGrainFactory grains) : SupervisorPageModel(grains)
{
    public IReadOnlyList<TopicOption> Topics { get; private set; } = [];

    [BindProperty] public bool Required { get; set; }
    [BindProperty] public TopicGroup Group { get; set; }
    [BindProperty] public string? TopicId { get; set; }
    [BindProperty] public string? Fi { get; set; }
    [BindProperty] public string? Sv { get; set; }
    [BindProperty] public string? En { get; set; }
    [BindProperty] public bool Retire { get; set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostSecondFactorAsync()
    {
        await Grains.GetGrain<IAccountDirectoryGrain>(0).SetSecondFactorRequiredAsync(Required);
        Message = Required ? "Supervisors must now use a second factor." : "A second factor is now optional.";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostTopicAsync()
    {
        var names = new Dictionary<string, string>();
        foreach (var (language, name) in new[] { ("fi", Fi), ("sv", Sv), ("en", En) })
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                names[language] = name.Trim();
            }
        }

        try
        {
            await Grains.GetGrain<ITopicCatalogGrain>(0).SaveOptionAsync(new TopicOption(TopicId?.Trim() ?? "", Group, names, Retire));
            Message = "Saved.";
        }
        catch (ChatRuleException error)
        {
            Error = error.Message;
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Required = await Grains.GetGrain<IAccountDirectoryGrain>(0).IsSecondFactorRequiredAsync();
        Topics = await Grains.GetGrain<ITopicCatalogGrain>(0).GetOptionsAsync(includeRetired: true);
    }
}
