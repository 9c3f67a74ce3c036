using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Xunit.Abstractions;

namespace Nettiturvakoti.Tests.Browser;

/// <summary>axe-core scans of the seeker's page and the console in each of their main states.</summary>
[Collection(SqliteBrowser.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    [Fact]
    public async Task Axe_SeekerAndConsoleInEveryMainState_FindNothingSeriousOrCritical()
    {
        var found = new List<string>();
        var scanned = new List<string>();

        await ChatJourney.WalkAsync(fixture, async (state, page) =>
        {
            var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
            scanned.Add(state);
            foreach (var violation in result.Violations)
            {
                var where = string.Join("; ", violation.Nodes.Select(n => $"{n.Target} ({Summary(n)})"));
                var line = $"{state}: [{violation.Impact}] {violation.Id}: {violation.Help} at {where}";
                output.WriteLine(line);
                if (Blocking.Contains(violation.Impact))
                {
                    found.Add(line);
                }
            }
        });

        Assert.Equal(ChatJourney.States, scanned);
        Assert.True(found.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", found));
    }

    // axe's own account of why one element fails, on one line.
    private static string Summary(AxeResultNode node) =>
        string.Join(" ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message)).ReplaceLineEndings(" ");
}
