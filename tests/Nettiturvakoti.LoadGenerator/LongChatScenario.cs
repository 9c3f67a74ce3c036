namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// One conversation of many messages at a modest rate: does message 1,000 take longer to deliver
/// than message 1? Compares the first and the last messages (a window at each end), and runs the
/// same timeline on the plain relay for reference.
/// </summary>
public static class LongChatScenario
{
    private const int WarmupMessages = 200;
    private const double WarmupRate = 200;

    public static async Task<ScenarioResult> RunAsync(BenchmarkOptions options, Backend backend)
    {
        await using var database = await BenchmarkDatabase.CreateAsync(backend, options.PostgresAdmin);
        await using var server = await WebFrontProcess.StartAsync(options.WebFront, database, options.ServerMemoryLimitMb);
        await using var cluster = await ClusterSetup.ConnectAsync(server, database);
        var text = MessageText.OfLength(options.MessageLength);
        var grace = TimeSpan.FromSeconds(options.GraceSeconds);
        var messages = options.LongChatMessages;
        var window = Math.Min(options.LongChatWindow, messages / 2);

        // A short chat first, so that the code paths are compiled and pooled before message 1.
        await using (var warm = await ChatPath.OpenAsync(server.Url, cluster, 1))
        {
            await OpenLoop.RunAsync(warm, new DeliveryLedger(1, WarmupMessages, 0, WarmupRate), text, grace);
        }

        PathRun chat;
        StorageCheck stored;
        await using (var path = await ChatPath.OpenAsync(server.Url, cluster, 1))
        {
            // Every message is measured: message 1 is the point of comparison.
            chat = await PathRun.ExecuteAsync(
                "chat", path, new DeliveryLedger(1, messages, 0, options.LongChatRate), text, grace, server);
            stored = await path.CheckStoredAsync(chat.Ledger);
            Console.WriteLine($"  read back: {stored}");
        }

        PathRun baseline;
        await using (var warm = await BaselinePath.OpenAsync(server.Url, 1))
        {
            await OpenLoop.RunAsync(warm, new DeliveryLedger(1, WarmupMessages, 0, WarmupRate), text, grace);
        }

        await using (var path = await BaselinePath.OpenAsync(server.Url, 1))
        {
            baseline = await PathRun.ExecuteAsync(
                "baseline", path, new DeliveryLedger(1, messages, 0, options.LongChatRate), text, grace, server);
        }

        var first = Window(chat.Ledger, 0, window);
        var last = Window(chat.Ledger, messages - window, messages);
        var baselineFirst = Window(baseline.Ledger, 0, window);
        var baselineLast = Window(baseline.Ledger, messages - window, messages);
        Console.WriteLine(
            $"  first {window}: p50 {first.P50:F2} ms, mean {first.Mean:F2} ms; last {window}: p50 {last.P50:F2} ms, mean {last.Mean:F2} ms");

        return ScenarioResult.FromPaths("long-chat", backend, chat, baseline, stored) with
        {
            Conversations = 1,
            Rate = options.LongChatRate,
            DurationS = messages / options.LongChatRate,
            WindowMessages = window,
            FirstP50Ms = first.P50,
            FirstMeanMs = first.Mean,
            LastP50Ms = last.P50,
            LastMeanMs = last.Mean,
            LastVsFirstP50 = Report.Ratio(last.P50, first.P50),
            LastVsFirstMean = Report.Ratio(last.Mean, first.Mean),
            BaselineLastVsFirstP50 = Report.Ratio(baselineLast.P50, baselineFirst.P50),
        };
    }

    private static LatencyStats Window(DeliveryLedger ledger, int from, int to) =>
        LatencyStats.From(Enumerable.Range(from, to - from).Select(ledger.LatencyMs).OfType<double>());
}
