namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// Many conversations at once at a fixed total rate, both directions, on the chat path and then on
/// the plain relay, each in a freshly started web front.
/// </summary>
public static class SteadyScenario
{
    public static async Task<ScenarioResult> RunAsync(BenchmarkOptions options, Backend backend)
    {
        await using var database = await BenchmarkDatabase.CreateAsync(backend, options.PostgresAdmin);
        var text = MessageText.OfLength(options.MessageLength);
        var grace = TimeSpan.FromSeconds(options.GraceSeconds);
        // The warm-up climbs to the full rate over its seconds, so that the runtime has compiled
        // the hot paths with full optimisation before the load is at its height, as in a service
        // whose load rises over a morning rather than arriving all at once; then it holds the full
        // rate for a few seconds, in which the thread pool, the collector's budgets and the group
        // commit's batches find their size for it, before the measured seconds begin.
        var ramp = (int)Math.Round(options.Rate * options.WarmupSeconds / 2);
        var warmup = ramp + (int)Math.Round(options.Rate * options.HoldSeconds);
        var total = warmup + (int)Math.Round(options.Rate * options.DurationSeconds);
        DeliveryLedger Timeline(int pairs) => new(pairs, total, warmup, options.Rate, ramp);

        PathRun chat;
        StorageCheck stored;
        double setup;
        IReadOnlyList<int> slowCommits;
        double serverRssEnd;
        await using (var server = await WebFrontProcess.StartAsync(options.WebFront, database, options.ServerMemoryLimitMb))
        await using (var cluster = await ClusterSetup.ConnectAsync(server, database))
        await using (var path = await ChatPath.OpenAsync(server.Url, cluster, options.Conversations))
        {
            setup = path.OpenSeconds;
            var runStarted = System.Diagnostics.Stopwatch.GetTimestamp();
            chat = await PathRun.ExecuteAsync(
                "chat", path, Timeline(path.Pairs), text, grace, server);
            slowCommits = server.SlowCommitsSince(runStarted);
            Console.WriteLine($"  group commits of 50 ms or more during the run (warm-up included): {slowCommits.Count}" +
                (slowCommits.Count > 0 ? $", the slowest {slowCommits.Max()} ms" : ""));
            stored = await path.CheckStoredAsync(chat.Ledger);
            Console.WriteLine($"  read back: {stored}");
            serverRssEnd = server.Meter.RssMb;
        }

        // The relay runs in a web front of its own, started the same way. In the chat path's
        // process it would pay for that run's leftovers: collections that promote and then free
        // what a thousand conversations held, which the chat path itself never has to carry.
        PathRun baseline;
        await using (var server = await WebFrontProcess.StartAsync(options.WebFront, database, options.ServerMemoryLimitMb))
        await using (var path = await BaselinePath.OpenAsync(server.Url, options.Conversations))
        {
            baseline = await PathRun.ExecuteAsync(
                "baseline", path, Timeline(path.Pairs), text, grace, server);
        }

        var (c, b) = (chat.Delivery, baseline.Delivery);
        return ScenarioResult.FromPaths("steady", backend, chat, baseline, stored) with
        {
            Conversations = options.Conversations,
            Rate = options.Rate,
            DurationS = options.DurationSeconds,
            P90Ms = c.Latency.P90,
            ThroughputPerS = c.Received / chat.Cpu.Seconds,
            P50VsBaseline = Report.Ratio(c.Latency.P50, b.Latency.P50),
            P99VsBaseline = Report.Ratio(c.Latency.P99, b.Latency.P99),
            BaselineP999Ms = b.Latency.P999,
            BaselineThroughputPerS = b.Received / baseline.Cpu.Seconds,
            BaselineServerCpuS = baseline.Cpu.ServerCpuSeconds,
            BaselineGeneratorCpuS = baseline.Cpu.GeneratorCpuSeconds,
            BaselineMachineCpuBusyPct = baseline.Cpu.MachineBusyPercent,
            BaselineMachineCpuStealPct = baseline.Cpu.StealPercent,
            ServerRssEndMb = serverRssEnd,
            SetupS = setup,
            SlowCommits = slowCommits.Count,
            SlowestCommitMs = slowCommits.Count > 0 ? slowCommits.Max() : null,
        };
    }
}
