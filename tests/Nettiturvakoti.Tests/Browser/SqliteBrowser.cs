namespace Nettiturvakoti.Tests.Browser;

/// <summary>Browser tests share one web front and one Chromium process; they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SqliteBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser on SQLite";
}
