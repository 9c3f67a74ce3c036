using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Tests.Grains;
using Nettiturvakoti.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Nettiturvakoti.Tests.Browser;

/// <summary>The seeker's page on its own: hours, languages, leaving no trace, the keyboard.</summary>
[Collection(SqliteBrowser.Name)]
public sealed class SeekerPageTests(BrowserFixture fixture)
{
    // Where the quick exit sends the seeker; answered by the test, never fetched from the network.
    private const string NeutralSite = "https://www.google.com/";

    private const string NeutralPage = "<!DOCTYPE html><title>Weather</title><p>Sunny.</p>";

    [Fact]
    public async Task ChatList_YouthChatOutsideItsHours_ShownClosedWithNextOpeningAndCannotBePicked()
    {
        await using var context = await fixture.NewContextAsync();

        var seeker = await SeekerPage.OpenAsync(context);

        // Thursday 12:30 in Helsinki: the youth chat opens at 15:00 the same day.
        await Expect(seeker.ChatLabel("youth")).ToContainTextAsync("Lasten ja nuorten chat");
        await Expect(seeker.ChatLabel("youth").Locator(".chat-state"))
            .ToHaveTextAsync(new Regex(@"^Suljettu\. Avautuu seuraavan kerran torstai\w* 3\.12\.? (klo )?15[.:]00\.$"));
        await Expect(seeker.ChatRadio("youth")).ToBeDisabledAsync();
        await Expect(seeker.ChatRadio("youth")).Not.ToBeCheckedAsync();
        await Expect(seeker.ChatLabel("fi").Locator(".chat-state")).ToHaveTextAsync(new Regex(@"^Auki nyt, klo 18[.:]00 asti$"));
        await Expect(seeker.ChatRadio("fi")).ToBeEnabledAsync();
        await Expect(seeker.ChatRadio("fi")).ToBeCheckedAsync();
        await Expect(seeker.ChatRadio("sv")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task FirstConnection_RefusedWhileTheWebFrontRestarts_PageKeepsTryingAndThenWorks()
    {
        var chatId = await fixture.Host.CreateTestChatAsync();
        await using var context = await fixture.NewContextAsync();
        var refused = 0;
        await context.RouteAsync("**/hubs/seeker/negotiate**", async route =>
        {
            if (Interlocked.Increment(ref refused) <= 2)
            {
                await route.FulfillAsync(new() { Status = 503, Body = "" });
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page.Locator("#connection")).ToBeVisibleAsync();
        var seeker = await SeekerPage.AttachAsync(page);

        Assert.True(Volatile.Read(ref refused) >= 3);
        await Expect(seeker.Connection).ToBeHiddenAsync();
        await seeker.StartChatAsync(chatId);
        await Expect(seeker.Waiting).ToBeVisibleAsync();
    }

    [Fact]
    public async Task LanguageButtons_SvenskaThenEnglish_ChangeTextsAndLangAndKeepTheChoiceOnlyInThisTab()
    {
        await using var context = await fixture.NewContextAsync();
        var seeker = await SeekerPage.OpenAsync(context);
        await Expect(seeker.Page.Locator("html")).ToHaveAttributeAsync("lang", "fi");
        await Expect(seeker.Start).ToHaveTextAsync("Aloita keskustelu");

        await seeker.Page.Locator("button[data-lang=sv]").ClickAsync();

        await Expect(seeker.Page.Locator("html")).ToHaveAttributeAsync("lang", "sv");
        await Expect(seeker.Start).ToHaveTextAsync("Börja chatta");
        await Expect(seeker.Page.Locator("#quick-exit")).ToContainTextAsync("Lämna snabbt");
        await Expect(seeker.ChatLabel("sv").Locator(".chat-name")).ToHaveTextAsync("Chatt på svenska");
        await Expect(seeker.Page.Locator("button[data-lang=sv]")).ToHaveAttributeAsync("aria-pressed", "true");

        await seeker.Page.Locator("button[data-lang=en]").ClickAsync();

        await Expect(seeker.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(seeker.Start).ToHaveTextAsync("Start the chat");
        await Expect(seeker.Page.Locator("h1:visible")).ToHaveTextAsync("Talk anonymously");
        await Expect(seeker.Page.Locator("button[data-lang=fi]")).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.Equal("en", (await seeker.StoredStateAsync())?.GetProperty("lang").GetString());
        Assert.Empty(await context.CookiesAsync());
        Assert.Equal(0, await seeker.Page.EvaluateAsync<int>("() => localStorage.length"));

        // Kept for this tab (a reload), forgotten by any other tab.
        await seeker.Page.ReloadAsync();
        await seeker.WaitForStartViewAsync();
        await Expect(seeker.Start).ToHaveTextAsync("Start the chat");
        var otherTab = await SeekerPage.OpenAsync(context);
        await Expect(otherTab.Page.Locator("html")).ToHaveAttributeAsync("lang", "fi");
        await Expect(otherTab.Start).ToHaveTextAsync("Aloita keskustelu");
    }

    [Fact]
    public async Task QuickExit_DuringAChat_LeavesNoCookieCacheRequestOrStorageAndEndsTheChat()
    {
        var chatId = await fixture.Host.CreateTestChatAsync();
        var counsellor = await TestAccounts.CreateCounsellorAsync(fixture.Host.Grains, chatId);
        await using var context = await fixture.NewContextAsync();
        var requests = new List<string>();
        context.Request += (_, request) => { lock (requests) { requests.Add(request.Url); } };
        var neutralSiteAnswers = Task.CompletedTask;
        await context.RouteAsync(url => !url.StartsWith(fixture.Origin + "/", StringComparison.Ordinal), async route =>
        {
            await neutralSiteAnswers;
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = NeutralPage });
        });
        await ProveTabStorageSurvivesLeavingTheSiteAsync(context);
        lock (requests) { requests.Clear(); }

        var page = await context.NewPageAsync();
        var sockets = new List<string>();
        var chatOverOrSocketGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.WebSocket += (_, socket) =>
        {
            lock (sockets) { sockets.Add(socket.Url); }
            socket.FrameReceived += (_, frame) =>
            {
                if (frame.Text?.Contains("\"kind\":\"ended\"", StringComparison.Ordinal) == true)
                {
                    chatOverOrSocketGone.TrySetResult();
                }
            };
            socket.Close += (_, _) => chatOverOrSocketGone.TrySetResult();
        };
        var response = await page.GotoAsync("/");
        Assert.NotNull(response);
        Assert.Contains("no-store", await response.HeaderValueAsync("cache-control") ?? "", StringComparison.Ordinal);
        var seeker = await SeekerPage.AttachAsync(page);
        await seeker.StartChatAsync(chatId);
        var conversationId = await seeker.ConversationIdAsync();
        var conversation = fixture.Host.Grains.GetGrain<IConversationGrain>(conversationId);
        await fixture.Host.Grains.GetGrain<ICounsellorGrain>(counsellor.Id).TakeAsync(chatId, conversationId);
        await Expect(seeker.Events).ToHaveTextAsync([$"{counsellor.ChatName} tuli keskusteluun."]);
        Assert.Empty(await context.CookiesAsync());
        Assert.Equal("", await page.EvaluateAsync<string>("() => document.cookie"));
        Assert.True(await page.EvaluateAsync<int>("() => sessionStorage.length") > 0, "The page should hold its chat in sessionStorage.");
        string[] beforeExit;
        lock (requests) { beforeExit = [.. requests]; }
        Assert.All(beforeExit, url => Assert.StartsWith(fixture.Origin + "/", url, StringComparison.Ordinal));
        Assert.All(sockets, url => Assert.StartsWith("ws" + fixture.Origin["http".Length..] + "/", url, StringComparison.Ordinal));

        // The neutral site answers like one far away: only once the server's end of the chat has
        // reached this page (or the page closed its socket), at most three seconds later.
        neutralSiteAnswers = Task.WhenAny(chatOverOrSocketGone.Task, Task.Delay(TimeSpan.FromSeconds(3)));
        await page.Locator("#quick-exit").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(NeutralSite)));
        string[] afterExit;
        lock (requests) { afterExit = [.. requests.Skip(beforeExit.Length)]; }
        // Nothing goes anywhere but to the neutral site, except the page's own last word to its
        // server: the beacon that ends the chat.
        Assert.All(afterExit, url => Assert.True(
            url.StartsWith(NeutralSite, StringComparison.Ordinal) || url == fixture.Origin + "/api/seeker/quick-exit",
            $"Unexpected request after the quick exit: {url}"));
        // The clock is frozen, so nothing but the page's own call can have ended it (a seeker who is
        // merely gone is only noticed as time passes).
        await Wait.UntilAsync(
            async () => (await conversation.GetViewAsync(Participant.Counsellor(counsellor.Id))).Status == ConversationStatus.Ended,
            "the quick exit to end the conversation");

        await page.GoBackAsync();
        Assert.False(page.Url.StartsWith(fixture.Origin, StringComparison.Ordinal), $"Back returned to the chat at {page.Url}.");
        await page.GotoAsync("/css/seeker.css");
        var left = await page.EvaluateAsync<string>(
            """
            () => Object.keys(sessionStorage)
                .map(k => { try { return `${k} {${Object.keys(JSON.parse(sessionStorage.getItem(k)))}}`; } catch { return k; } })
                .join("; ")
            """);
        Assert.True(left.Length == 0, $"After the quick exit this tab's sessionStorage still holds: {left}.");
        Assert.Empty(await context.CookiesAsync());
    }

    [Fact]
    public async Task Seeker_KeyboardOnly_PicksAChatStartsAndSendsMessages()
    {
        var chatId = await fixture.Host.CreateTestChatAsync();
        await using var context = await fixture.NewContextAsync();
        var seeker = await SeekerPage.OpenAsync(context);
        var keyboard = seeker.Page.Keyboard;

        await TabUntilAsync(seeker.Page, "input[name=chat]:checked");
        for (var i = 0; i < 20 && !await seeker.ChatRadio(chatId).IsCheckedAsync(); i++)
        {
            await keyboard.PressAsync("ArrowDown");
        }

        await Expect(seeker.ChatRadio(chatId)).ToBeFocusedAsync();
        await Expect(seeker.ChatRadio(chatId)).ToBeCheckedAsync();
        await keyboard.PressAsync("Tab");
        await Expect(seeker.Start).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await Expect(seeker.Waiting).ToBeVisibleAsync();
        Assert.Equal(chatId, (await fixture.Host.Grains.GetGrain<IConversationGrain>(await seeker.ConversationIdAsync())
            .GetViewAsync(Participant.Seeker)).QueueId);

        await TabUntilAsync(seeker.Page, "#text");
        await keyboard.TypeAsync("Ensimmäinen viesti");
        await keyboard.PressAsync("Enter");
        await Expect(seeker.Mine).ToHaveTextAsync(["Ensimmäinen viesti"]);
        await Expect(seeker.Text).ToHaveValueAsync("");
        await keyboard.TypeAsync("Toinen viesti");
        await keyboard.PressAsync("Tab");
        await Expect(seeker.SendButton).ToBeFocusedAsync();
        await keyboard.PressAsync("Space");
        await Expect(seeker.Mine).ToHaveTextAsync(["Ensimmäinen viesti", "Toinen viesti"]);
    }

    // Presses Tab until the element matching selector has the focus, at most 30 times.
    private static async Task TabUntilAsync(IPage page, string selector)
    {
        for (var i = 0; i < 30; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Thirty presses of Tab never reached {selector}.");
    }

    // A control for the storage check: leaving the site in a tab and coming back keeps that tab's
    // sessionStorage, so an empty one after the quick exit is the page's doing.
    private async Task ProveTabStorageSurvivesLeavingTheSiteAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/css/seeker.css");
        await page.EvaluateAsync("() => sessionStorage.setItem('probe', '1')");
        await page.GotoAsync(NeutralSite + "search?q=control");
        await page.GotoAsync(fixture.Origin + "/css/seeker.css");
        Assert.Equal("1", await page.EvaluateAsync<string?>("() => sessionStorage.getItem('probe')"));
        await page.CloseAsync();
    }
}
