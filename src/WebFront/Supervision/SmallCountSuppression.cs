namespace Nettiturvakoti.WebFront.Supervision;

/// <summary>
/// Hides small counts so that no published figure can point to a person: every count from 1 to
/// threshold − 1 is hidden (primary suppression), and where a total and its parts are shown
/// together, a second cell is hidden whenever exactly one of them is, so that the hidden one
/// cannot be worked out by subtraction (secondary suppression).
/// </summary>
public sealed class SmallCountSuppression(int threshold)
{
    /// <summary>Counts below this (and above zero) are hidden.</summary>
    public int Threshold { get; } = threshold;

    /// <summary>
    /// Which cells of <paramref name="values"/> to hide. Each constraint says that the cell
    /// <c>Total</c> is the sum of the cells <c>Parts</c> (cells are indexes into the list).
    /// </summary>
    public bool[] Apply(IReadOnlyList<int> values, IReadOnlyList<(int Total, IReadOnlyList<int> Parts)> constraints)
    {
        var hidden = values.Select(v => v > 0 && v < Threshold).ToArray();
        bool changed;
        do
        {
            changed = false;
            foreach (var (total, parts) in constraints)
            {
                var cells = parts.Append(total).ToList();
                if (cells.Count(c => hidden[c]) != 1)
                {
                    continue;
                }

                // Hide the smallest other part that is not zero; failing that, the total.
                var next = parts.Where(p => !hidden[p] && values[p] > 0).OrderBy(p => values[p]).Cast<int?>().FirstOrDefault()
                    ?? (!hidden[total] && values[total] > 0 ? total : null);
                if (next is { } cell)
                {
                    hidden[cell] = true;
                    changed = true;
                }
            }
        }
        while (changed);

        return hidden;
    }
}
