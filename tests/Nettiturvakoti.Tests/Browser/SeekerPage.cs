using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Nettiturvakoti.Tests.Browser;

/// <summary>The seeker's chat page ("/") in a browser tab, with what a test needs to drive and read it.</summary>
public sealed class SeekerPage
{
    private SeekerPage(IPage page)
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

    public ILocator Start => Page.Locator("#start");

    public ILocator Position => Page.Locator("#position");

    public ILocator Waiting => Page.Locator("#waiting");

    public ILocator Messages => Page.Locator("#messages");

    public ILocator Text => Page.Locator("#text");

    public ILocator SendButton => Page.Locator("#composer button[type=submit]");

    public ILocator Typing => Page.Locator("#typing");

    public ILocator Ended => Page.Locator("#ended");

    public ILocator Connection => Page.Locator("#connection");

    /// <summary>Messages the counsellor wrote, as stored (not pending).</summary>
    public ILocator Theirs => Page.Locator("#messages li.theirs p");

    /// <summary>The seeker's own messages once stored (their "sending…" copy is gone by then).</summary>
    public ILocator Mine => Page.Locator("#messages li.mine:not(.pending) p");

    /// <summary>The seeker's messages still on their way ("sending…").</summary>
    public ILocator Pending => Page.Locator("#messages li.pending p");

    public ILocator SendError => Page.Locator("#send-error");

    public ILocator Events => Page.Locator("#messages li.event");

    public ILocator ChatRadio(string chatId) => Page.Locator($"input[name=chat][value=\"{chatId}\"]");

    /// <summary>The label around a chat's radio button: its name and whether it is open.</summary>
    public ILocator ChatLabel(string chatId) => Page.Locator("label.chat").Filter(new() { Has = ChatRadio(chatId) });

    /// <summary>Opens "/" in a new tab and waits until the chats to pick from are shown.</summary>
    public static async Task<SeekerPage> OpenAsync(IBrowserContext context)
    {
        var seeker = new SeekerPage(await context.NewPageAsync());
        await seeker.Page.GotoAsync("/");
        await seeker.WaitForStartViewAsync();
        return seeker;
    }

    /// <summary>Takes over a tab that is already at "/" and waits until the chats are shown.</summary>
    public static async Task<SeekerPage> AttachAsync(IPage page)
    {
        var seeker = new SeekerPage(page);
        await seeker.WaitForStartViewAsync();
        return seeker;
    }

    public async Task WaitForStartViewAsync()
    {
        await Expect(Page.Locator("#view-start")).ToBeVisibleAsync();
        await Expect(Page.Locator("#chats input[name=chat]").First).ToBeAttachedAsync();
    }

    /// <summary>Picks <paramref name="chatId"/>, starts, and waits until the chat view is shown.</summary>
    public async Task StartChatAsync(string chatId)
    {
        await ChatRadio(chatId).CheckAsync();
        await Start.ClickAsync();
        await Expect(Page.Locator("#view-chat")).ToBeVisibleAsync();
    }

    public async Task SendAsync(string text)
    {
        await Text.FillAsync(text);
        await SendButton.ClickAsync();
    }

    /// <summary>What the page keeps in sessionStorage about the current chat (null when nothing).</summary>
    public async Task<JsonElement?> StoredStateAsync()
    {
        var json = await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('ntk.chat')");
        return json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>The id of the conversation the page started, read from its sessionStorage.</summary>
    public async Task<Guid> ConversationIdAsync()
    {
        var state = await StoredStateAsync()
            ?? throw new InvalidOperationException("The seeker page stored no chat in sessionStorage.");
        return state.GetProperty("conversationId").GetGuid();
    }
}
