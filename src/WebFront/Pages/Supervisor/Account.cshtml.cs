using Microsoft.AspNetCore.Mvc;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.Queues;

namespace Nettiturvakoti.WebFront.Pages.Supervisor;

public sealed class AccountModel(IGrainFactory grains) : SupervisorPageModel(grains)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public AccountView? Account { get; private set; }

    public IReadOnlyList<ChatDefinition> Chats { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    [BindProperty]
    public string ChatName { get; set; } = "";

    [BindProperty]
    public bool Counsellor { get; set; }

    [BindProperty]
    public bool Supervisor { get; set; }

    [BindProperty]
    public List<string> Queues { get; set; } = [];

    [BindProperty]
    public int MaxConversations { get; set; } = 3;

    [BindProperty]
    public bool Disabled { get; set; }

    [BindProperty]
    public string TemporaryPassword { get; set; } = "";

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostUpdateAsync() => await ActAsync(async grain =>
    {
        var roles = (Counsellor ? AccountRoles.Counsellor : AccountRoles.None) | (Supervisor ? AccountRoles.Supervisor : AccountRoles.None);
        await grain.UpdateAsync(new AccountUpdate(ChatName, roles, Queues, MaxConversations, Disabled));
        return "Saved.";
    });

    public async Task<IActionResult> OnPostResetAsync() => await ActAsync(async grain =>
    {
        await grain.ResetPasswordAsync(TemporaryPassword);
        TemporaryPassword = "";
        return "The password was reset.";
    });

    private async Task<IActionResult> ActAsync(Func<IAccountGrain, Task<string>> act)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        try
        {
            Message = await act(Grains.GetGrain<IAccountGrain>(Id));
        }
        catch (ChatRuleException error)
        {
            Error = error.Message;
        }

        await LoadAsync();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        Chats = await Grains.GetGrain<IChatCatalogGrain>(0).GetChatsAsync();
        Account = await Grains.GetGrain<IAccountGrain>(Id).GetAsync();
        return Account is not null;
    }
}
