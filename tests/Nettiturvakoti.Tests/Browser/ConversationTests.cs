using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Nettiturvakoti.Tests.Browser;

/// <summary>A seeker's page and a counsellor's console talking through the real web front.</summary>
[Collection(SqliteBrowser.Name)]
public sealed class ConversationTests(BrowserFixture fixture)
{
    private const string Markup = "<img src=x onerror=alert(1)><script>window.__pwned=1</script><b>bold</b>";

    [Fact]
    public async Task WholeConversation_SeekerAndCounsellorPages_TalkSurviveADropAndBothSeeTheEnd()
    {
        await using var seekerContext = await fixture.NewContextAsync();
        var sockets = new SocketSwitch(seekerContext);
        await sockets.RouteAsync();
        var seeker = await SeekerPage.OpenAsync(seekerContext);
        await seeker.StartChatAsync("fi");
        await Expect(seeker.Waiting).ToBeVisibleAsync();
        // No other test of this collection's web front uses the Finnish chat: the seeker is first.
        await Expect(seeker.Position).ToHaveTextAsync(new Regex(@"^Olet jonossa 1\. \(jonossa 1\)\."));
        var conversationId = await seeker.ConversationIdAsync();

        await using var counsellorContext = await fixture.NewContextAsync();
        var (account, console) = await BrowserChats.CounsellorAtConsoleAsync(fixture, counsellorContext, "fi");
        var panel = await console.TakeAsync(conversationId);
        await Expect(panel.Address).ToHaveTextAsync("127.0.0.1");
        await Expect(seeker.Waiting).ToBeHiddenAsync();
        await Expect(seeker.Events).ToHaveTextAsync([$"{account.ChatName} tuli keskusteluun."]);

        await seeker.Text.FillAsync("Hei, tarvitsen apua.");
        await Expect(panel.Typing).ToHaveTextAsync("The seeker is typing…");
        await seeker.SendButton.ClickAsync();
        await Expect(panel.Theirs).ToHaveTextAsync(["Hei, tarvitsen apua."]);
        await Expect(seeker.Mine).ToHaveTextAsync(["Hei, tarvitsen apua."]);

        await panel.Text.FillAsync("Hei, olen täällä.");
        await Expect(seeker.Typing).ToHaveTextAsync("Keskustelija kirjoittaa…");
        await panel.SendButton.ClickAsync();
        await Expect(seeker.Theirs).ToHaveTextAsync(["Hei, olen täällä."]);
        await Expect(panel.Mine).ToHaveTextAsync(["Hei, olen täällä."]);

        // The seeker's network goes away: its socket drops and reconnecting fails until it is back.
        await seekerContext.SetOfflineAsync(true);
        await sockets.DropAllAsync();
        await Expect(seeker.Connection).ToHaveTextAsync("Yhteys katkesi. Yhdistetään uudelleen…");
        await panel.SendAsync("Oletko vielä siellä?");
        await Expect(panel.Mine).ToHaveTextAsync(["Hei, olen täällä.", "Oletko vielä siellä?"]);
        Assert.Equal(1, await seeker.Theirs.CountAsync()); // nothing can reach the page while it is cut off
        await seeker.SendAsync("Yhteys pätkii.");
        await Expect(seeker.Pending).ToHaveTextAsync(["Yhteys pätkii."]);
        await Expect(seeker.SendError).ToHaveTextAsync("Viestin lähetys ei onnistunut. Yritetään uudelleen, kun yhteys palaa.");

        await seekerContext.SetOfflineAsync(false);
        await Expect(seeker.Connection).ToHaveTextAsync("Yhteys palasi.");
        await Expect(seeker.Theirs).ToHaveTextAsync(["Hei, olen täällä.", "Oletko vielä siellä?"]);
        await Expect(panel.Theirs).ToHaveTextAsync(["Hei, tarvitsen apua.", "Yhteys pätkii."]);
        await Expect(seeker.Mine).ToHaveTextAsync(["Hei, tarvitsen apua.", "Yhteys pätkii."]);
        await Expect(seeker.Pending).ToHaveCountAsync(0);
        await Expect(seeker.SendError).ToBeHiddenAsync();
        // A later message comes after any duplicate the reconnect could have caused.
        await panel.SendAsync("Hyvä, jatketaan.");
        await Expect(seeker.Theirs).ToHaveTextAsync(["Hei, olen täällä.", "Oletko vielä siellä?", "Hyvä, jatketaan."]);
        await Expect(panel.Theirs).ToHaveTextAsync(["Hei, tarvitsen apua.", "Yhteys pätkii."]);
        await Expect(seeker.Mine).ToHaveTextAsync(["Hei, tarvitsen apua.", "Yhteys pätkii."]);
        Assert.True(sockets.Opened >= 2, $"The page should have opened a new socket after the drop; it opened {sockets.Opened}.");

        await seeker.Page.Locator("#end").ClickAsync();
        await Expect(seeker.Ended).ToHaveTextAsync("Keskustelu on päättynyt.");
        await Expect(seeker.Text).ToBeHiddenAsync();
        await Expect(panel.Status).ToHaveTextAsync("ended");
        await Expect(panel.Address).ToHaveTextAsync("–");
        await Expect(panel.Text).ToBeHiddenAsync();
        await Expect(panel.Events.Last).ToContainTextAsync("Ended (SeekerEnded)");
        Assert.Empty(seeker.Errors);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Message_WithMarkupAndScript_ShownAsLiteralTextAndNeverRun()
    {
        var chatId = await fixture.Host.CreateTestChatAsync();
        await using var seekerContext = await fixture.NewContextAsync();
        await using var counsellorContext = await fixture.NewContextAsync();
        var imageRequests = new List<string>();
        foreach (var context in new[] { seekerContext, counsellorContext })
        {
            context.Request += (_, request) =>
            {
                if (new Uri(request.Url).AbsolutePath == "/x")
                {
                    lock (imageRequests) { imageRequests.Add(request.Url); }
                }
            };
        }

        var (seeker, conversationId) = await BrowserChats.SeekerWaitingAsync(seekerContext, chatId);
        var (_, console) = await BrowserChats.CounsellorAtConsoleAsync(fixture, counsellorContext, chatId);
        var panel = await console.TakeAsync(conversationId);

        await seeker.SendAsync(Markup);
        await Expect(panel.Theirs).ToHaveTextAsync([Markup]);
        await Expect(seeker.Mine).ToHaveTextAsync([Markup]);
        await panel.SendAsync(Markup);
        await Expect(seeker.Theirs).ToHaveTextAsync([Markup]);
        await Expect(panel.Mine).ToHaveTextAsync([Markup]);

        foreach (var page in new[] { seeker.Page, console.Page })
        {
            await Expect(page.Locator("li img, li script, li b")).ToHaveCountAsync(0);
            Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "The script in the message ran.");
        }

        Assert.Empty(seeker.Dialogs);
        Assert.Empty(console.Dialogs);
        Assert.Empty(imageRequests);
        Assert.Empty(seeker.Errors);
        Assert.Empty(console.Errors);
    }
}
