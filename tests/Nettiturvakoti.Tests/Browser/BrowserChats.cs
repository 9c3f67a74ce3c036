using Microsoft.Playwright;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.Tests.Grains;
using static Microsoft.Playwright.Assertions;

namespace Nettiturvakoti.Tests.Browser;

/// <summary>Steps the browser tests share: a counsellor at the console, a seeker waiting in a chat.</summary>
public static class BrowserChats
{
    /// <summary>
    /// A new counsellor serving <paramref name="queues"/>, away at first, who logs in through the
    /// login page and goes available with the console's checkbox.
    /// </summary>
    public static async Task<(AccountView Account, ConsolePage Console)> CounsellorAtConsoleAsync(
        BrowserFixture fixture, IBrowserContext context, params string[] queues)
    {
        var account = await TestAccounts.CreateCounsellorAsync(fixture.Host.Grains, available: false, maxConversations: 3, queues);
        var console = await ConsolePage.LogInAsync(context, account.UserName, TestAccounts.Password);
        await console.GoAvailableAsync();
        return (account, console);
    }

    /// <summary>Opens "/", starts a chat in <paramref name="chatId"/> and returns the page and its conversation.</summary>
    public static async Task<(SeekerPage Seeker, Guid ConversationId)> SeekerWaitingAsync(IBrowserContext context, string chatId)
    {
        var seeker = await SeekerPage.OpenAsync(context);
        await seeker.StartChatAsync(chatId);
        await Expect(seeker.Waiting).ToBeVisibleAsync();
        return (seeker, await seeker.ConversationIdAsync());
    }
}
