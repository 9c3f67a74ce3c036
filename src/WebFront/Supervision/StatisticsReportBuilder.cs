using System.Globalization;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Statistics;
using Nettiturvakoti.Topics;

namespace Nettiturvakoti.WebFront.Supervision;

/// <summary>
/// Builds the statistics supervisors see and export: monthly counts per chat, waits and chat
/// lengths, and the closing form's categories, with small counts suppressed.
/// </summary>
public sealed class StatisticsReportBuilder(IGrainFactory grains, IConfiguration configuration)
{
    private static readonly (StatisticKind Kind, string Label)[] Contacts =
    [
        (StatisticKind.Started, "Chats started"),
        (StatisticKind.Answered, "Answered"),
    ];

    private static readonly (StatisticKind Kind, string Label)[] Unanswered =
    [
        (StatisticKind.LeftWhileWaiting, "Left while waiting"),
        (StatisticKind.SeekerGone, "Page gone while waiting"),
        (StatisticKind.TurnedAwayFull, "Turned away: queue full"),
        (StatisticKind.ArrivedClosed, "Arrived while closed"),
        (StatisticKind.ContactLimited, "Turned away: contact limit"),
    ];

    private static readonly (StatisticKind Kind, string Label)[] Outcomes =
    [
        (StatisticKind.Declined, "Declined"),
        (StatisticKind.TimeLimited, "Ended by time limit"),
        (StatisticKind.IdleClosed, "Closed as idle"),
        (StatisticKind.QuickExit, "Quick exits"),
        (StatisticKind.ReportingNotice, "Reporting notices"),
        (StatisticKind.ClosingForm, "Closing forms"),
    ];

    /// <summary>The suppression threshold: counts from 1 to this minus one are hidden (default 5).</summary>
    public int Threshold => Math.Max(2, configuration.GetValue("Privacy:SuppressBelow", 5));

    /// <summary>Builds the report for <paramref name="queueIds"/> from one month to another (yyyy-MM, inclusive).</summary>
    public async Task<StatisticsReport> BuildAsync(IReadOnlyList<string> queueIds, string fromMonth, string toMonth)
    {
        var months = Months(fromMonth, toMonth);
        var data = new List<Aggregate>();
        foreach (var month in months)
        {
            var aggregate = new Aggregate();
            foreach (var queueId in queueIds)
            {
                aggregate.Add(await grains.GetGrain<IChatStatisticsGrain>($"{queueId}/{month}").GetAsync());
            }

            data.Add(aggregate);
        }

        var total = new Aggregate();
        data.ForEach(total.Add);
        var columns = months.Append("Total").ToList();
        var options = await grains.GetGrain<ITopicCatalogGrain>(0).GetOptionsAsync(includeRetired: true);
        var suppression = new SmallCountSuppression(Threshold);

        var tables = new List<ReportTable>
        {
            ContactsTable(data, total, columns, suppression),
            DurationsTable(data, total, columns),
        };
        foreach (var group in Enum.GetValues<TopicGroup>())
        {
            var answers = options.Where(o => o.Group == group).Select(o => ($"form:{o.Id}", o.Names.GetValueOrDefault("en") ?? o.Names["fi"])).ToList();
            tables.Add(CategoryTable(
                $"form-{group}", QuestionTitle(group), answers, data, total, columns, suppression,
                group == TopicGroup.SeekerRole ? StatisticKind.ClosingForm : null));
        }

        tables.Add(CategoryTable(
            "declines", "Decline reasons",
            [.. Enum.GetValues<DeclineReason>().Select(r => ($"decline:{r}", r.ToString()))],
            data, total, columns, suppression, StatisticKind.Declined));
        tables.Add(CategoryTable(
            "notices", "Reporting notices by kind",
            [.. Enum.GetValues<ReportingNoticeKind>().Select(k => ($"notice:{k}", k.ToString()))],
            data, total, columns, suppression, StatisticKind.ReportingNotice));
        return new StatisticsReport(queueIds, fromMonth, toMonth, Threshold, tables);
    }

    /// <summary>The months from one to another, inclusive (at most 36).</summary>
    public static List<string> Months(string fromMonth, string toMonth)
    {
        var from = DateOnly.ParseExact(fromMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.ParseExact(toMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var months = new List<string>();
        for (var month = from; month <= to && months.Count < 36; month = month.AddMonths(1))
        {
            months.Add(month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }

        return months;
    }

    private static ReportTable ContactsTable(List<Aggregate> data, Aggregate total, List<string> columns, SmallCountSuppression suppression)
    {
        var rows = new List<(string Key, string Label, Func<Aggregate, int> Count)>();
        rows.AddRange(Contacts.Select(c => (c.Kind.ToString(), c.Label, (Func<Aggregate, int>)(a => a.Count(c.Kind)))));
        rows.Add(("Unanswered", "Unanswered", a => Unanswered.Sum(u => a.Count(u.Kind))));
        rows.AddRange(Unanswered.Select(u => (u.Kind.ToString(), "  " + u.Label, (Func<Aggregate, int>)(a => a.Count(u.Kind)))));
        rows.AddRange(Outcomes.Select(o => (o.Kind.ToString(), o.Label, (Func<Aggregate, int>)(a => a.Count(o.Kind)))));

        var unansweredRow = rows.FindIndex(r => r.Key == "Unanswered");
        var partRows = Enumerable.Range(unansweredRow + 1, Unanswered.Length).ToList();
        return CountTable("contacts", "Contacts", rows, data, total, columns, suppression, (unansweredRow, partRows));
    }

    private static ReportTable CategoryTable(
        string key,
        string title,
        List<(string Category, string Label)> answers,
        List<Aggregate> data,
        Aggregate total,
        List<string> columns,
        SmallCountSuppression suppression,
        StatisticKind? sumsTo)
    {
        var rows = answers.Select(a => (a.Category, a.Label, (Func<Aggregate, int>)(x => x.Category(a.Category)))).ToList();
        (int, List<int>)? group = null;
        if (sumsTo is { } kind)
        {
            // Answers that exclude each other add up to a count that is shown too, so the total
            // takes part in the suppression.
            rows.Add((kind.ToString(), "Total", x => x.Count(kind)));
            group = (rows.Count - 1, Enumerable.Range(0, rows.Count - 1).ToList());
        }

        return CountTable(key, title, rows, data, total, columns, suppression, group);
    }

    private static ReportTable CountTable(
        string key,
        string title,
        List<(string Key, string Label, Func<Aggregate, int> Count)> rows,
        List<Aggregate> data,
        Aggregate total,
        List<string> columns,
        SmallCountSuppression suppression,
        (int Total, List<int> Parts)? rowGroup)
    {
        var width = data.Count + 1;
        var values = new List<int>();
        foreach (var row in rows)
        {
            values.AddRange(data.Select(row.Count));
            values.Add(row.Count(total));
        }

        var constraints = new List<(int, IReadOnlyList<int>)>();
        for (var r = 0; r < rows.Count; r++)
        {
            // Each row's last cell is the sum of its months.
            constraints.Add((r * width + data.Count, [.. Enumerable.Range(r * width, data.Count)]));
        }

        if (rowGroup is { } g)
        {
            for (var c = 0; c < width; c++)
            {
                constraints.Add((g.Total * width + c, [.. g.Parts.Select(p => p * width + c)]));
            }
        }

        var hidden = suppression.Apply(values, constraints);
        var tableRows = rows.Select((row, r) => new ReportRow(
            row.Key,
            row.Label,
            [.. Enumerable.Range(0, width).Select(c => Cell(values[r * width + c], hidden[r * width + c], suppression.Threshold))])).ToList();
        return new ReportTable(key, title, columns, tableRows);
    }

    private ReportTable DurationsTable(List<Aggregate> data, Aggregate total, List<string> columns)
    {
        var all = data.Append(total).ToList();
        ReportRow Row(string key, string label, Func<Aggregate, SortedDictionary<int, int>> histogram, double quantile, double bucketMinutes, double scale) =>
            new(key, label, [.. all.Select(a =>
            {
                var h = histogram(a);
                var n = h.Values.Sum();
                if (n < Threshold)
                {
                    return new ReportCell(null, n > 0, n > 0 ? $"<{Threshold}" : "–");
                }

                var minutes = Quantile(h, quantile) * scale + (bucketMinutes / 2);
                return new ReportCell(minutes, false, minutes.ToString("0.0", CultureInfo.InvariantCulture));
            })]);

        return new ReportTable("durations", "Waits and chat lengths (minutes)", columns,
        [
            Row("wait-median", "Wait, median", a => a.Waits, 0.5, 0.25, 1.0 / 60),
            Row("wait-p90", "Wait, 90th percentile", a => a.Waits, 0.9, 0.25, 1.0 / 60),
            Row("length-median", "Chat length, median", a => a.Lengths, 0.5, 1, 1),
            Row("length-p90", "Chat length, 90th percentile", a => a.Lengths, 0.9, 1, 1),
        ]);
    }

    // The bucket in which the given share of observations is reached.
    private static double Quantile(SortedDictionary<int, int> histogram, double quantile)
    {
        var n = histogram.Values.Sum();
        var target = Math.Max(1, (int)Math.Ceiling(quantile * n));
        var seen = 0;
        foreach (var (bucket, count) in histogram)
        {
            seen += count;
            if (seen >= target)
            {
                return bucket;
            }
        }

        return histogram.Keys.Last();
    }

    private static ReportCell Cell(int value, bool hidden, int threshold) =>
        hidden ? new ReportCell(null, true, $"<{threshold}") : new ReportCell(value, false, value.ToString(CultureInfo.InvariantCulture));

    private static string QuestionTitle(TopicGroup group) => group switch
    {
        TopicGroup.SeekerRole => "Who the seekers were",
        TopicGroup.ViolenceForm => "Forms of violence",
        TopicGroup.Relationship => "Relationships",
        _ => "What was discussed",
    };

    private sealed class Aggregate
    {
        private readonly Dictionary<StatisticKind, int> _counts = [];
        private readonly Dictionary<string, int> _categories = [];

        public SortedDictionary<int, int> Waits { get; } = [];

        public SortedDictionary<int, int> Lengths { get; } = [];

        public int Count(StatisticKind kind) => _counts.GetValueOrDefault(kind);

        public int Category(string category) => _categories.GetValueOrDefault(category);

        public void Add(MonthlyStatistics month)
        {
            Merge(_counts, month.Counts);
            Merge(_categories, month.Categories);
            Merge(Waits, month.WaitSeconds);
            Merge(Lengths, month.LengthMinutes);
        }

        public void Add(Aggregate other)
        {
            Merge(_counts, other._counts);
            Merge(_categories, other._categories);
            Merge(Waits, other.Waits);
            Merge(Lengths, other.Lengths);
        }

        private static void Merge<TKey>(IDictionary<TKey, int> into, IEnumerable<KeyValuePair<TKey, int>> from)
            where TKey : notnull
        {
            foreach (var (key, value) in from)
            {
                into[key] = into.TryGetValue(key, out var existing) ? existing + value : value;
            }
        }
    }
}
