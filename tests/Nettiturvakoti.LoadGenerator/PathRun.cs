namespace Nettiturvakoti.LoadGenerator;

/// <summary>One open-loop run on one path, with the CPU it took.</summary>
/// <param name="Ledger">Every message of the run.</param>
/// <param name="Delivery">The measured messages' counts and latencies.</param>
/// <param name="Cpu">CPU from the first measured message to the end of the grace period.</param>
/// <param name="Server">The web front's runtime over the whole run, warm-up included: collections, compiler, commits.</param>
/// <param name="GeneratorCollections">How often the generator's own collector ran during the run (warm-up included).</param>
/// <param name="ServerPeakRssMb">The web front's peak resident memory up to the end of the run.</param>
public sealed record PathRun(
    DeliveryLedger Ledger, DeliverySummary Delivery, CpuUse Cpu, ServerRuntime Server, int GeneratorCollections, double ServerPeakRssMb)
{
    /// <summary>
    /// Runs <paramref name="ledger"/>'s timeline on <paramref name="path"/>, measuring from the end of
    /// the warm-up, and prints a line about it.
    /// </summary>
    public static async Task<PathRun> ExecuteAsync(
        string label, IMessagePath path, DeliveryLedger ledger, string text, TimeSpan grace, WebFrontProcess server)
    {
        // Both sides start settled: the web front's set-up collected out of its young generations,
        // and the generator's collector held off for the run. The web front's runtime figures are
        // read before and after the whole run, warm-up included: a read of its metrics endpoint
        // takes it tens of milliseconds under load, which at the start of the measured window
        // would show in its first second.
        await server.CollectGarbageAsync();
        var runtimeBefore = await server.ReadRuntimeAsync();
        Measurement? window = null;
        var quiet = GeneratorQuiet.Begin();
        await OpenLoop.RunAsync(path, ledger, text, grace, () => window = Measurement.Start(server.Meter));
        var generator = quiet.End();

        var cpu = (window ?? Measurement.Start(server.Meter)).Stop();
        var gc = (await server.ReadRuntimeAsync()).Since(runtimeBefore);
        var delivery = ledger.Summarize();
        var run = new PathRun(ledger, delivery, cpu, gc, generator.Collections, server.Meter.PeakRssMb);

        var latency = delivery.Latency;
        Console.WriteLine(
            $"  {label}: sent {delivery.Sent}, received {delivery.Received}, lost {delivery.Lost}, duplicated {delivery.Duplicated}, " +
            $"failed {delivery.Failed}; p50 {latency.P50:F1} ms, p99 {latency.P99:F1} ms, p99.9 {latency.P999:F1} ms, max {latency.Max:F0} ms; " +
            $"server CPU {cpu.ServerCpuSeconds:F1} s, generator CPU {cpu.GeneratorCpuSeconds:F1} s over {cpu.Seconds:F1} s, " +
            $"machine {cpu.MachineBusyPercent:F0}% busy ({cpu.StealPercent:F1}% taken by the host)");
        var perMessage = 1.0 / Math.Max(1, ledger.Total);
        Console.WriteLine(
            $"    server over the whole run: collections {gc.Gen0} / {gc.Gen1} / {gc.Gen2} (gen0 / gen1 / gen2), paused {gc.GcPauseMs:F0} ms, " +
            $"{gc.AllocatedMb * 1024 * perMessage:F1} KB allocated a message; compiled {gc.JitMethods} methods ({gc.JitMs:F0} ms); " +
            $"{gc.WorkItems * perMessage:F1} thread-pool work items a message on {gc.PoolThreads} threads, " +
            $"{gc.LockContentions} lock contentions" +
            (gc.Commits > 0
                ? $"; {gc.Commits} group commits of {ledger.Total / (double)gc.Commits:F1} writes, " +
                    $"{gc.CommitsOver10Ms} over 10 ms and {gc.CommitsOver25Ms} over 25 ms"
                : ""));
        Console.WriteLine(
            $"    generator: collections during the run {generator.Collections} (allocated {generator.AllocatedMb:F0} MB)");
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
