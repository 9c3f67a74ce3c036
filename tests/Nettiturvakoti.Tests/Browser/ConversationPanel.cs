using Microsoft.Playwright;

namespace Nettiturvakoti.Tests.Browser;

/// <summary>One conversation's panel in the console.</summary>
public sealed class ConversationPanel(ILocator root)
{
    public ILocator Root { get; } = root;

    public ILocator Address => Root.Locator(".address");

    public ILocator Status => Root.Locator(".status");

    public ILocator Typing => Root.Locator(".typing");

    public ILocator Text => Root.Locator("textarea");

    public ILocator SendButton => Root.Locator(".composer button[type=submit]");

    public ILocator EndButton => Root.Locator(".end");

    /// <summary>Messages the seeker wrote.</summary>
    public ILocator Theirs => Root.Locator(".messages li.theirs p");

    /// <summary>Messages the counsellor wrote.</summary>
    public ILocator Mine => Root.Locator(".messages li.mine p");

    public ILocator Events => Root.Locator(".messages li.event");

    public async Task SendAsync(string text)
    {
        await Text.FillAsync(text);
        await SendButton.ClickAsync();
    }
}
