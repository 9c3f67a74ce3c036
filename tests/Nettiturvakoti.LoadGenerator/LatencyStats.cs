namespace Nettiturvakoti.LoadGenerator;

/// <summary>Percentiles (nearest rank) of a set of latencies, in milliseconds.</summary>
public sealed record LatencyStats(int Count, double P50, double P90, double P99, double P999, double Mean, double Max)
{
    /// <summary>The statistics of <paramref name="values"/>; zeros when there are none.</summary>
    public static LatencyStats From(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0);
        }

        double At(double quantile) => sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencyStats(sorted.Length, At(0.5), At(0.9), At(0.99), At(0.999), sorted.Average(), sorted[^1]);
    }
}
