using System.Globalization;
using System.Net;
using System.Text;

namespace Nettiturvakoti.WebFront.Supervision;

/// <summary>
/// Plain SVG charts drawn on the server, so the pages need no chart library and no script.
/// Hidden (suppressed) figures are drawn hatched and labelled, never as their value.
/// </summary>
public static class Charts
{
    private const string Hatch =
        "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
        + "<rect width=\"6\" height=\"6\" fill=\"#f3e7d0\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#a15c00\" stroke-width=\"2\"/></pattern></defs>";

    /// <summary>Bars over the months, one group per month, one bar per series.</summary>
    public static string MonthlyBars(string title, IReadOnlyList<string> months, IReadOnlyList<(string Label, string CssClass, IReadOnlyList<ReportCell> Cells)> series)
    {
        const int height = 180, top = 10, bottom = 30, left = 34;
        var groupWidth = Math.Max(36, 480 / Math.Max(1, months.Count));
        var barWidth = Math.Max(6, (groupWidth - 10) / Math.Max(1, series.Count));
        var width = left + (groupWidth * months.Count) + 10;
        var max = Math.Max(1, series.SelectMany(s => s.Cells.Take(months.Count)).Select(c => c.Value ?? 0).DefaultIfEmpty(0).Max());
        var scale = (height - top - bottom) / max;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Encode(title)}\">{Hatch}");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - 5}\" y2=\"{height - bottom}\" stroke=\"#8a929e\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"{top + 8}\">{max:0}</text><text x=\"2\" y=\"{height - bottom}\">0</text>");
        for (var m = 0; m < months.Count; m++)
        {
            var x0 = left + (m * groupWidth) + 5;
            for (var s = 0; s < series.Count; s++)
            {
                var cell = series[s].Cells[m];
                var x = x0 + (s * barWidth);
                if (cell.Hidden)
                {
                    var h = Math.Min(12, height - top - bottom);
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<rect class=\"bar-hidden\" x=\"{x}\" y=\"{height - bottom - h}\" width=\"{barWidth - 1}\" height=\"{h}\"><title>{Encode(series[s].Label)} {months[m]}: {Encode(cell.Text)}</title></rect>");
                }
                else
                {
                    var h = (cell.Value ?? 0) * scale;
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<rect class=\"{series[s].CssClass}\" x=\"{x}\" y=\"{height - bottom - h:0.#}\" width=\"{barWidth - 1}\" height=\"{h:0.#}\"><title>{Encode(series[s].Label)} {months[m]}: {Encode(cell.Text)}</title></rect>");
                }
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x0}\" y=\"{height - bottom + 14}\">{months[m]}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars of each answer's share of the whole (the report's total column).</summary>
    public static string Shares(string title, IReadOnlyList<ReportRow> rows)
    {
        var shown = rows.Where(r => r.Key.StartsWith("form:", StringComparison.Ordinal) || r.Key.Contains(':', StringComparison.Ordinal)).ToList();
        var sum = shown.Where(r => !r.Cells[^1].Hidden).Sum(r => r.Cells[^1].Value ?? 0);
        const int rowHeight = 18, labelWidth = 190, barMax = 260;
        var height = (shown.Count * rowHeight) + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {labelWidth + barMax + 70} {height}\" role=\"img\" aria-label=\"{Encode(title)}\">{Hatch}");
        for (var i = 0; i < shown.Count; i++)
        {
            var cell = shown[i].Cells[^1];
            var y = 4 + (i * rowHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 12}\">{Encode(shown[i].Label.Trim())}</text>");
            if (cell.Hidden)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar-hidden\" x=\"{labelWidth}\" y=\"{y + 2}\" width=\"20\" height=\"12\"/><text x=\"{labelWidth + 26}\" y=\"{y + 12}\">{Encode(cell.Text)}</text>");
                continue;
            }

            var share = sum > 0 ? (cell.Value ?? 0) / sum : 0;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar-share\" x=\"{labelWidth}\" y=\"{y + 2}\" width=\"{share * barMax:0.#}\" height=\"12\"/><text x=\"{labelWidth + (share * barMax) + 6:0.#}\" y=\"{y + 12}\">{share:P0} ({Encode(cell.Text)})</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
