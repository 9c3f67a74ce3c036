using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Tests.Grains;
using static Microsoft.Playwright.Assertions;

namespace Nettiturvakoti.Tests.Browser;

/// <summary>The supervisor pages in Chromium: statistics with charts, the live view, the hours editor.</summary>
[Collection(SqliteBrowser.Name)]
public sealed class SupervisorPagesBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Statistics_ChartsAndTablesRender_ScreenshotKept()
    {
        await ChatAndEndAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await LogInAsSupervisorAsync(context);

        await page.GotoAsync("/supervisor/statistics");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Statistics");
        await Expect(page.Locator("svg.chart").First).ToBeVisibleAsync();
        await Expect(page.Locator("table[data-table=contacts] tr[data-row=Started] td").First).Not.ToBeEmptyAsync();
        Directory.CreateDirectory(ScreenshotTests.Folder);
        var path = Path.Combine(ScreenshotTests.Folder, "supervisor-statistics.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 5000);
        await AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task LiveView_ShowsQueuesAndCounsellorsAndUpdates()
    {
        var chat = await fixture.Host.CreateTestChatAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await LogInAsSupervisorAsync(context);
        await page.GotoAsync("/supervisor");
        await Expect(page.Locator("#live-chats .card").First).ToBeVisibleAsync();

        var id = Guid.NewGuid();
        await fixture.Host.Grains.GetGrain<IConversationGrain>(id).StartAsync(
            new StartConversation(chat, "secret-" + id.ToString("N") + "-0123456789", "192.0.2.77", "fi"));

        await Expect(page.Locator("#live-chats .card", new() { HasText = "Testikeskustelu " + chat })).ToContainTextAsync("1 waiting");
        await AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task HoursEditor_SavedHoursShownInTheTwoWeekPreview()
    {
        var chat = await fixture.Host.CreateTestChatAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await LogInAsSupervisorAsync(context);
        await page.GotoAsync($"/supervisor/chat/{chat}");

        // Thursday only, 9 to 11, and Friday closed.
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            for (var i = 0; i < 2; i++)
            {
                await page.Locator($"input[name='Week[{day}][{i}].Opens']").FillAsync("");
                await page.Locator($"input[name='Week[{day}][{i}].Closes']").FillAsync("");
            }
        }

        await page.Locator("input[name='Week[Thursday][0].Opens']").FillAsync("09:00");
        await page.Locator("input[name='Week[Thursday][0].Closes']").FillAsync("11:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).First.ClickAsync();

        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Saved");
        var preview = page.Locator("table[data-table=preview] tbody tr");
        await Expect(preview).ToHaveCountAsync(14);
        await Expect(preview.Filter(new() { HasText = "09:00–11:00" })).ToHaveCountAsync(2);
        await AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task OrleansDashboard_RendersUnderTheContentPolicy_ShowsTheSilo()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await LogInAsSupervisorAsync(context);
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };

        await page.GotoAsync("/supervisor");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cluster" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/supervisor/orleans/$"));
        await Expect(page.GetByText("Active Silos", new() { Exact = false }).First).ToBeVisibleAsync();
        Assert.Empty(refused);
    }

    private async Task<IPage> LogInAsSupervisorAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("#userName").FillAsync("supervisor");
        await page.Locator("#password").FillAsync(fixture.Host.SupervisorPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        // The next page's elements are awaited by the callers; here only that the login went through.
        await page.WaitForURLAsync(
            url => !url.EndsWith("/login", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        return page;
    }

    private async Task ChatAndEndAsync()
    {
        var chat = await fixture.Host.CreateTestChatAsync();
        var counsellor = await TestAccounts.CreateCounsellorAsync(fixture.Host.Grains, chat);
        var id = Guid.NewGuid();
        var conversation = fixture.Host.Grains.GetGrain<IConversationGrain>(id);
        await conversation.StartAsync(new StartConversation(chat, "secret-" + id.ToString("N") + "-0123456789", "192.0.2.78", "fi"));
        await fixture.Host.Grains.GetGrain<ICounsellorGrain>(counsellor.Id).TakeAsync(chat, id);
        await conversation.EndAsync(Participant.Counsellor(counsellor.Id));
    }

    private static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"[{v.Impact}] {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
    }
}
