using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Nettiturvakoti.Queues;
using Nettiturvakoti.WebFront.Supervision;

namespace Nettiturvakoti.WebFront.Pages.Supervisor;

public sealed class StatisticsModel(IGrainFactory grains, IConfiguration configuration, TimeProvider time) : SupervisorPageModel(grains)
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Chat { get; set; } = "all";

    public IReadOnlyList<ChatDefinition> Chats { get; private set; } = [];

    public StatisticsReport? Report { get; private set; }

    public async Task OnGetAsync() => await BuildAsync();

    /// <summary>The same figures as the page, suppression included, as CSV.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        await BuildAsync();
        var csv = new StringBuilder();
        csv.AppendLine("table,measure," + string.Join(',', Report!.Tables[0].Columns.Select(Quote)));
        foreach (var table in Report.Tables)
        {
            foreach (var row in table.Rows)
            {
                csv.AppendLine(CultureInfo.InvariantCulture, $"{Quote(table.Title)},{Quote(row.Label.Trim())},{string.Join(',', row.Cells.Select(c => Quote(c.Text)))}");
            }
        }

        var name = $"statistics-{Chat}-{From}-{To}.csv";
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", name);
    }

    private async Task BuildAsync()
    {
        Chats = await Grains.GetGrain<IChatCatalogGrain>(0).GetChatsAsync(includeRetired: true);
        var thisMonth = ChatSchedule.DateAt(time.GetUtcNow());
        To = ValidMonth(To) ?? thisMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        From = ValidMonth(From) ?? thisMonth.AddMonths(-5).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (string.CompareOrdinal(From, To) > 0)
        {
            (From, To) = (To, From);
        }

        if (Chat != "all" && Chats.All(c => c.Id != Chat))
        {
            Chat = "all";
        }

        var queueIds = Chat == "all" ? Chats.Select(c => c.Id).ToList() : [Chat];
        Report = await new StatisticsReportBuilder(Grains, configuration).BuildAsync(queueIds, From, To);
    }

    private static string? ValidMonth(string? month) =>
        month is not null && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? month
            : null;

    // Quotes what needs it, and keeps a spreadsheet from reading a label as a formula.
    private static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '@' or '\t')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0
            ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : value;
    }
}
