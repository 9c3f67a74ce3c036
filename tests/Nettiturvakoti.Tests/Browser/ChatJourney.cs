using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nettiturvakoti.Tests.Grains;
using static Microsoft.Playwright.Assertions;

namespace Nettiturvakoti.Tests.Browser;

/// <summary>
/// Walks a seeker and a counsellor through the main states of the pages, in a chat of its own,
/// and hands each state to a check (an accessibility scan, a screenshot).
/// </summary>
public static class ChatJourney
{
    public static readonly string[] States =
    [
        "seeker-start", "seeker-waiting", "console-login", "console-conversation", "seeker-chat", "seeker-ended", "console-ended",
    ];

    public static async Task WalkAsync(BrowserFixture fixture, Func<string, IPage, Task> atState)
    {
        var chatId = await fixture.Host.CreateTestChatAsync();
        var account = await TestAccounts.CreateCounsellorAsync(fixture.Host.Grains, available: false, maxConversations: 3, chatId);
        await using var seekerContext = await fixture.NewContextAsync();
        await using var counsellorContext = await fixture.NewContextAsync();

        var seeker = await SeekerPage.OpenAsync(seekerContext);
        await atState(States[0], seeker.Page);

        await seeker.StartChatAsync(chatId);
        await Expect(seeker.Position).ToHaveTextAsync(new Regex(@"^Olet jonossa 1\."));
        var conversationId = await seeker.ConversationIdAsync();
        await atState(States[1], seeker.Page);

        var loginPage = await counsellorContext.NewPageAsync();
        await loginPage.GotoAsync("/login");
        await atState(States[2], loginPage);

        var console = await ConsolePage.LogInAsync(loginPage, account.UserName, TestAccounts.Password);
        await console.GoAvailableAsync();
        var panel = await console.TakeAsync(conversationId);
        await seeker.SendAsync("Hei. Voinko kertoa, mitä kotona tapahtui?");
        await Expect(panel.Theirs).ToHaveCountAsync(1);
        await panel.SendAsync("Hei, totta kai. Kerro omin sanoin.");
        await Expect(seeker.Theirs).ToHaveCountAsync(1);
        await atState(States[3], console.Page);
        await atState(States[4], seeker.Page);

        await seeker.Page.Locator("#end").ClickAsync();
        await Expect(seeker.Ended).ToBeVisibleAsync();
        await atState(States[5], seeker.Page);
        await Expect(panel.Status).ToHaveTextAsync("ended");
        await atState(States[6], console.Page);
    }
}
