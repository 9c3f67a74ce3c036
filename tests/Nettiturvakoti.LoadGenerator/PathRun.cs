namespace Nettiturvakoti.LoadGenerator;

/// <summary>One open-loop run on one path, with the CPU it took.</summary>
/// <param name="Ledger">Every message of the run.</param>
/// <param name="Delivery">The measured messages' counts and latencies.</param>
/// <param name="Cpu">CPU from the first measured message to the end of the grace period.</param>
/// <param name="ServerPeakRssMb">The web front's peak resident memory up to the end of the run.</param>
public sealed record PathRun(DeliveryLedger Ledger, DeliverySummary Delivery, CpuUse Cpu, double ServerPeakRssMb)
{
    /// <summary>
    /// Runs <paramref name="ledger"/>'s timeline on <paramref name="path"/>, measuring from the end of
    /// the warm-up, and prints a line about it.
    /// </summary>
    public static async Task<PathRun> ExecuteAsync(
        string label, IMessagePath path, DeliveryLedger ledger, string text, TimeSpan grace, WebFrontProcess server)
    {
        Measurement? window = null;
        await OpenLoop.RunAsync(path, ledger, text, grace, () => window = Measurement.Start(server.Meter));
        var cpu = (window ?? Measurement.Start(server.Meter)).Stop();
        var delivery = ledger.Summarize();
        var run = new PathRun(ledger, delivery, cpu, server.Meter.PeakRssMb);

        var latency = delivery.Latency;
        Console.WriteLine(
            $"  {label}: sent {delivery.Sent}, received {delivery.Received}, lost {delivery.Lost}, duplicated {delivery.Duplicated}, " +
            $"failed {delivery.Failed}; p50 {latency.P50:F1} ms, p99 {latency.P99:F1} ms, p99.9 {latency.P999:F1} ms, max {latency.Max:F0} ms; " +
            $"server CPU {cpu.ServerCpuSeconds:F1} s, generator CPU {cpu.GeneratorCpuSeconds:F1} s over {cpu.Seconds:F1} s, " +
            $"machine {cpu.MachineBusyPercent:F0}% busy ({cpu.StealPercent:F1}% taken by the host)");
        var seconds = ledger.BySecond();
        if (seconds.Count > 1)
        {
            Console.WriteLine("    p99 ms by second: " + string.Join(' ', seconds.Select(s => s.Latency.P99.ToString("F0"))));
        }

        foreach (var error in delivery.Errors)
        {
            Console.WriteLine($"    error: {error}");
        }

        return run;
    }
}
