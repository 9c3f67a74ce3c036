namespace Nettiturvakoti.WebFront.Supervision;

/// <summary>One figure of a report, as shown: hidden small counts show as "&lt;5".</summary>
/// <param name="Value">The figure (null when there is none, such as a median of no waits).</param>
/// <param name="Hidden">Whether it is suppressed.</param>
/// <param name="Text">What the screen and the CSV show.</param>
public sealed record ReportCell(double? Value, bool Hidden, string Text);

/// <summary>A row of a report table: one measure over the months, and over the whole range last.</summary>
public sealed record ReportRow(string Key, string Label, IReadOnlyList<ReportCell> Cells);

/// <summary>A table of a report.</summary>
public sealed record ReportTable(string Key, string Title, IReadOnlyList<string> Columns, IReadOnlyList<ReportRow> Rows);

/// <summary>Statistics for a range of months and a set of chats, suppressed and ready to show or export.</summary>
public sealed record StatisticsReport(
    IReadOnlyList<string> QueueIds, string FromMonth, string ToMonth, int Threshold, IReadOnlyList<ReportTable> Tables);
