namespace Nettiturvakoti.Tests.Browser;

/// <summary>A PNG of each main state of the pages, kept with the test output for people to look at.</summary>
[Collection(SqliteBrowser.Name)]
public sealed class ScreenshotTests(BrowserFixture fixture)
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Screenshots_EveryMainState_SavedAsPngUnderScreenshots()
    {
        Directory.CreateDirectory(Folder);
        var saved = new List<string>();

        await ChatJourney.WalkAsync(fixture, async (state, page) =>
        {
            var path = Path.Combine(Folder, $"{saved.Count + 1:00}-{state}.png");
            File.Delete(path);
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
            saved.Add(path);
        });

        Assert.Equal(ChatJourney.States.Length, saved.Count);
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        foreach (var path in saved)
        {
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.True(bytes.Length > 1000, $"{path} is only {bytes.Length} bytes.");
            Assert.Equal(signature, bytes[..8]);
        }
    }
}
