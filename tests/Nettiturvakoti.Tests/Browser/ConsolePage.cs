using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Nettiturvakoti.Tests.Browser;

/// <summary>The counsellor console (/console) in a browser tab, logged in through the login form.</summary>
public sealed class ConsolePage
{
    private ConsolePage(IPage page)
    {
        Page = page;
        page.PageError += (_, error) => { lock (Errors) { Errors.Add(error); } };
        page.Dialog += (_, dialog) => { lock (Dialogs) { Dialogs.Add(dialog.Message); } };
    }

    public IPage Page { get; }

    /// <summary>Uncaught script errors of the page.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Messages of every alert, confirm or prompt the page opened.</summary>
    public List<string> Dialogs { get; } = [];

    public ILocator Available => Page.Locator("#available");

    public ILocator TakeNext => Page.Locator("#take-next");

    public ILocator Error => Page.Locator("#error");

    /// <summary>The "Take" button of one waiting seeker in the waiting lists.</summary>
    public ILocator TakeButton(Guid conversationId) => Page.Locator($"li[data-conversation=\"{conversationId}\"] button.take");

    /// <summary>The panel of one of the counsellor's conversations.</summary>
    public ConversationPanel Conversation(Guid conversationId) =>
        new(Page.Locator($"#conversations article.conversation[data-conversation=\"{conversationId}\"]"));

    /// <summary>Logs in at /login with the real form, in a new tab, and waits until the console has loaded.</summary>
    public static async Task<ConsolePage> LogInAsync(IBrowserContext context, string userName, string password) =>
        await LogInAsync(await context.NewPageAsync(), userName, password);

    /// <summary>Logs in with the form <paramref name="page"/> shows (or opens /login first).</summary>
    public static async Task<ConsolePage> LogInAsync(IPage page, string userName, string password)
    {
        var console = new ConsolePage(page);
        if (!page.Url.EndsWith("/login", StringComparison.Ordinal))
        {
            await page.GotoAsync("/login");
        }

        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("form button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/console$"));
        // The counsellor's chat name is filled in once the hub answered the overview.
        await Expect(page.Locator("#me")).Not.ToBeEmptyAsync();
        return console;
    }

    public async Task GoAvailableAsync()
    {
        await Available.CheckAsync();
        await Expect(TakeNext).ToBeEnabledAsync();
    }

    /// <summary>Takes the seeker of <paramref name="conversationId"/> from the waiting list.</summary>
    public async Task<ConversationPanel> TakeAsync(Guid conversationId)
    {
        await TakeButton(conversationId).ClickAsync();
        var panel = Conversation(conversationId);
        await Expect(panel.Status).ToHaveTextAsync("active");
        return panel;
    }
}
