using Microsoft.Playwright;
using Nettiturvakoti.Feedback;
using static Microsoft.Playwright.Assertions;

namespace Nettiturvakoti.Tests.Browser;

/// <summary>
/// The counsellor's tools on the console and what the seeker sees of them: the time limit, the
/// reporting notice, prepared texts, the closing form; and the seeker's feedback after the end.
/// </summary>
[Collection(SqliteBrowser.Name)]
public sealed class CounsellorToolsTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TimeLimitAndNotice_SeekerSeesTheTimeLeftAndTheNoticeSetApart()
    {
        var chat = await fixture.Host.CreateTestChatAsync();
        await using var counsellorContext = await fixture.NewContextAsync();
        await using var seekerContext = await fixture.NewContextAsync();
        var (_, console) = await BrowserChats.CounsellorAtConsoleAsync(fixture, counsellorContext, chat);
        var (seeker, id) = await BrowserChats.SeekerWaitingAsync(seekerContext, chat);
        var panel = await console.TakeAsync(id);

        await panel.Root.Locator("summary").ClickAsync();
        await panel.Root.Locator(".limit-minutes").SelectOptionAsync("45");
        await panel.Root.Locator(".set-limit").ClickAsync();
        await panel.Root.Locator(".notice-kind").SelectOptionAsync("ChildWelfare");
        await panel.Root.Locator(".send-notice").ClickAsync();

        await Expect(seeker.Page.Locator("#time-left")).ToContainTextAsync("Aikaa jäljellä noin 45 min");
        var notice = seeker.Page.Locator("#messages li.report-notice[role=note]");
        await Expect(notice).ToContainTextAsync("lastensuojeluilmoitus");
        await Expect(panel.Root.Locator(".time-left")).ToContainTextAsync("45 min left");
        await Expect(panel.Root.Locator(".messages li.report-notice")).ToContainTextAsync("ChildWelfare");
    }

    [Fact]
    public async Task PreparedText_SavedInsertedAndSent()
    {
        var chat = await fixture.Host.CreateTestChatAsync();
        await using var counsellorContext = await fixture.NewContextAsync();
        await using var seekerContext = await fixture.NewContextAsync();
        var (_, console) = await BrowserChats.CounsellorAtConsoleAsync(fixture, counsellorContext, chat);
        var (seeker, id) = await BrowserChats.SeekerWaitingAsync(seekerContext, chat);

        await console.Page.Locator("#edit-prepared").ClickAsync();
        await console.Page.Locator("#prepared-add").ClickAsync();
        await console.Page.Locator("#prepared-list .prepared-title").Last.FillAsync("Tervehdys");
        await console.Page.Locator("#prepared-list .prepared-text").Last.FillAsync("Hei, olen täällä ja kuuntelen.");
        await console.Page.Locator("#prepared-form button[type=submit]").ClickAsync();
        await Expect(console.Page.Locator("#prepared-editor")).Not.ToBeVisibleAsync();
        var panel = await console.TakeAsync(id);
        await panel.Root.Locator(".prepared").SelectOptionAsync(new SelectOptionValue { Label = "Tervehdys" });
        await Expect(panel.Text).ToHaveValueAsync("Hei, olen täällä ja kuuntelen.");
        await panel.SendButton.ClickAsync();

        await Expect(seeker.Theirs.Last).ToHaveTextAsync("Hei, olen täällä ja kuuntelen.");
    }

    [Fact]
    public async Task EndOfChat_CounsellorFillsTheClosingFormSeekerGivesFeedback()
    {
        var chat = await fixture.Host.CreateTestChatAsync();
        await using var counsellorContext = await fixture.NewContextAsync();
        await using var seekerContext = await fixture.NewContextAsync();
        var (_, console) = await BrowserChats.CounsellorAtConsoleAsync(fixture, counsellorContext, chat);
        var (seeker, id) = await BrowserChats.SeekerWaitingAsync(seekerContext, chat);
        await console.TakeAsync(id);

        await seeker.Page.Locator("#end").ClickAsync();
        var dialog = console.Page.Locator("#closing-form");
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator("input[name=seekerRole][value=worried]").CheckAsync();
        await dialog.Locator("input[name=violenceForm][value=psychological]").CheckAsync();
        await dialog.Locator("button[type=submit]").ClickAsync();
        await Expect(dialog).Not.ToBeVisibleAsync();

        var form = seeker.Page.Locator("#feedback");
        await Expect(form).ToBeVisibleAsync();
        await form.Locator("input[name=rating][value='4']").CheckAsync();
        await form.Locator("#feedback-text").FillAsync("Sain apua, kiitos");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(seeker.Page.Locator("#feedback-result")).ToHaveTextAsync("Kiitos palautteestasi.");

        var month = Queues.ChatSchedule.DateAt(fixture.Host.Time.GetUtcNow()).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var stored = await fixture.Host.Grains.GetGrain<IFeedbackGrain>(0).ReadAsync(chat, month);
        Assert.Contains(stored, f => f.Rating == 4 && f.Comment == "Sain apua, kiitos");
    }

    [Fact]
    public async Task PhoneWidth_SeekerPageFitsIn360PixelsInEveryState()
    {
        var chat = await fixture.Host.CreateTestChatAsync();
        await using var context = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = fixture.Origin, ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var seeker = await SeekerPage.AttachAsync(page);
        await seeker.WaitForStartViewAsync();
        await AssertFitsAsync(page, "start");

        await seeker.StartChatAsync(chat);
        await seeker.SendAsync("Pitkä viesti ilman välejä: " + new string('x', 120));
        await AssertFitsAsync(page, "waiting");
        await Expect(page.Locator("#quick-exit")).ToBeInViewportAsync();
    }

    private static async Task AssertFitsAsync(IPage page, string state)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"The {state} view is {width} px wide on a 360 px screen.");
    }
}
