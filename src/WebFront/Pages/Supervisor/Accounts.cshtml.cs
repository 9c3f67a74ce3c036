using Microsoft.AspNetCore.Mvc;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.Queues;

namespace Nettiturvakoti.WebFront.Pages.Supervisor;

public sealed class AccountsModel(IGrainFactory grains) : SupervisorPageModel(grains)
{
    public List<AccountView> Accounts { get; } = [];

    public IReadOnlyList<ChatDefinition> Chats { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    [BindProperty]
    public string UserName { get; set; } = "";

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
    public string Password { get; set; } = "";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var roles = (Counsellor ? AccountRoles.Counsellor : AccountRoles.None) | (Supervisor ? AccountRoles.Supervisor : AccountRoles.None);
        try
        {
            if (roles == AccountRoles.None)
            {
                throw new ChatRuleException(ErrorCodes.BadRequest, "Choose at least one role.");
            }

            var account = await Grains.GetGrain<IAccountDirectoryGrain>(0).CreateAccountAsync(
                new NewAccount(UserName, ChatName, roles, Queues, Password, MustChangePassword: true, Math.Clamp(MaxConversations, 1, 10)));
            Message = $"Created {account.UserName}.";
        }
        catch (ChatRuleException error)
        {
            Error = error.Message;
        }
        finally
        {
            Password = "";
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Chats = await Grains.GetGrain<IChatCatalogGrain>(0).GetChatsAsync();
        foreach (var id in await Grains.GetGrain<IAccountDirectoryGrain>(0).ListAsync())
        {
            if (await Grains.GetGrain<IAccountGrain>(id).GetAsync() is { } account)
            {
                Accounts.Add(account);
            }
        }
    }
}
