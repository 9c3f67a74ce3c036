using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// Many seekers waiting at once in one chat, each with a page (a connection) of their own: the
/// web front's memory, and how long a join, a take from the front and a leave from the middle take
/// while they all wait, until the change has reached every waiting page.
/// </summary>
/// <remarks>
/// Every change of the queue goes to every waiting page, so filling a queue of N through N open
/// pages costs N²/2 pushes. The queue is therefore filled through short-lived pages (a few at a
/// time, each starting one chat and closing, which leaves the chat waiting), with the grace for
/// pages that went away raised so that nobody is dropped. Then every seeker's page
/// connects and resumes its chat, which changes nothing in the queue; the measured joins, takes
/// and leaves follow with all pages open.
/// </remarks>
public static class WaitingRoomScenario
{
    private static readonly TimeSpan FanOutLimit = TimeSpan.FromSeconds(10);

    public static async Task<ScenarioResult> RunAsync(BenchmarkOptions options, Backend backend)
    {
        await using var database = await BenchmarkDatabase.CreateAsync(backend, options.PostgresAdmin);
        await using var server = await WebFrontProcess.StartAsync(
            options.WebFront, database, options.ServerMemoryLimitMb, new Dictionary<string, string> { ["Chat__WaitingSeekerGrace"] = "02:00:00" });
        await using var cluster = await ClusterSetup.ConnectAsync(server, database);
        var count = options.WaitingSeekers;
        var chatId = await cluster.CreateChatAsync(queueCap: count + options.Joins + 100);
        long queueEvents = 0;
        void CountEvent() => Interlocked.Increment(ref queueEvents);

        // Counsellors watch the queue (they get every change too) and take from its front.
        var counsellors = new List<HubConnection>();
        foreach (var name in await cluster.CreateCounsellorsAsync(chatId, (options.Takes + ChatPath.ChatsPerCounsellor - 1) / ChatPath.ChatsPerCounsellor))
        {
            var cookies = await CounsellorLogin.LogInAsync(server.Url, name, ClusterSetup.CounsellorPassword);
            var connection = HubClients.Create(server.Url, "hubs/counsellor", cookies);
            HubClients.OnAny(connection, "queue", 1);
            HubClients.OnAny(connection, "counsellorStatus", 1);
            counsellors.Add(connection);
        }

        await HubClients.StartAllAsync(counsellors);
        foreach (var counsellor in counsellors)
        {
            await counsellor.InvokeAsync<System.Text.Json.JsonElement>("GetOverview");
        }

        var rssBefore = server.Meter.RssMb;
        var (chats, fill, fillSeconds) = await FillAsync(server.Url, chatId, count, options.FillConnections);
        var fillStats = LatencyStats.From(fill);
        Console.WriteLine($"  filled the queue with {chats.Count} seekers in {fillSeconds:F1} s, {options.FillConnections} at a time: " +
            $"join p50 {fillStats.P50:F1} ms, p99 {fillStats.P99:F1} ms");

        var clock = Stopwatch.StartNew();
        var pages = chats.Select(_ => Page(server.Url, CountEvent)).ToArray();
        await HubClients.StartAllAsync(pages);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, pages.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, token) => await pages[i].InvokeAsync<System.Text.Json.JsonElement>("Resume", chats[i].ConversationId, chats[i].Secret, 0L, token));
        var connectSeconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(1000);
        var rssWaiting = server.Meter.RssMb;
        Console.WriteLine($"  {pages.Length} pages connected and resumed in {connectSeconds:F1} s; server RSS {rssBefore:F0} MB before, {rssWaiting:F0} MB now");

        // The pages waiting after each change, which that change goes to (give or take the page
        // that made it, which joins or leaves the queue's group at about the same moment).
        long waitingPages = pages.Length;
        var watching = () => Interlocked.Read(ref waitingPages);
        var window = Measurement.Start(server.Meter);
        var joinPages = new List<HubConnection>();
        var joins = await OneAtATimeAsync(options.Joins, () => Interlocked.Read(ref queueEvents), watching, async _ =>
        {
            var page = Page(server.Url, CountEvent);
            await page.StartAsync();
            joinPages.Add(page);
            var started = Stopwatch.GetTimestamp();
            await page.InvokeAsync<StartedChatReply>("StartChat", chatId, "fi");
            Interlocked.Increment(ref waitingPages);
            return started;
        });
        var takes = await OneAtATimeAsync(options.Takes, () => Interlocked.Read(ref queueEvents), watching, async k =>
        {
            var started = Stopwatch.GetTimestamp();
            await counsellors[k / ChatPath.ChatsPerCounsellor].InvokeAsync<JoinedChatReply>("Take", chatId, (Guid?)null);
            Interlocked.Decrement(ref waitingPages);
            return started;
        });
        var middle = Math.Max(0, (pages.Length / 2) - (options.Leaves / 2));
        var leaves = await OneAtATimeAsync(Math.Min(options.Leaves, pages.Length - middle), () => Interlocked.Read(ref queueEvents), watching, async k =>
        {
            var started = Stopwatch.GetTimestamp();
            await pages[middle + k].InvokeAsync<System.Text.Json.JsonElement>("End");
            Interlocked.Decrement(ref waitingPages);
            return started;
        });
        var cpu = window.Stop();
        var peak = server.Meter.PeakRssMb;
        var peakPrivate = server.Meter.PeakPrivateMb;
        Report(" joins", joins);
        Report(" takes", takes);
        Report("leaves", leaves);
        Console.WriteLine($"  server peak RSS {peak:F0} MB ({peakPrivate:F0} MB its own, without mapped library files); server CPU {cpu.ServerCpuSeconds:F1} s for the measured changes");
        if (server.Cgroup is { } cgroup)
        {
            Console.WriteLine($"  memory cgroup of {cgroup.LimitMb} MB: peak {cgroup.PeakMb:F0} MB (page cache and kernel memory included), {cgroup.OomKills} out-of-memory kills");
        }

        await HubClients.StopAllAsync(pages.Concat(joinPages));
        await HubClients.StopAllAsync(counsellors);
        return new ScenarioResult
        {
            Scenario = "waiting-room",
            Backend = LoadGenerator.Report.Name(backend),
            Conversations = count,
            ServerPeakRssMb = peak,
            Waiting = chats.Count,
            ServerRssBeforeMb = rssBefore,
            ServerRssWaitingMb = rssWaiting,
            FillS = fillSeconds,
            FillJoinP50Ms = fillStats.P50,
            FillJoinP99Ms = fillStats.P99,
            FillJoinsPerS = chats.Count / fillSeconds,
            ConnectS = connectSeconds,
            JoinP50Ms = joins.Call.P50,
            JoinP99Ms = joins.Call.P99,
            JoinFanOutP50Ms = joins.Reached.P50,
            JoinFanOutP99Ms = joins.Reached.P99,
            Takes = takes.Call.Count,
            TakeP50Ms = takes.Call.P50,
            TakeP99Ms = takes.Call.P99,
            TakeFanOutP50Ms = takes.Reached.P50,
            TakeFanOutP99Ms = takes.Reached.P99,
            Leaves = leaves.Call.Count,
            LeaveP50Ms = leaves.Call.P50,
            LeaveP99Ms = leaves.Call.P99,
            LeaveFanOutP50Ms = leaves.Reached.P50,
            QueueEventsReceived = Interlocked.Read(ref queueEvents),
            ServerCpuS = cpu.ServerCpuSeconds,
            GeneratorCpuS = cpu.GeneratorCpuSeconds,
            MachineCpuBusyPct = cpu.MachineBusyPercent,
            MachineCpuStealPct = cpu.StealPercent,
            ServerRssEndMb = server.Meter.RssMb,
            ServerPeakPrivateMb = peakPrivate,
            ServerMemoryLimitMb = server.Cgroup?.LimitMb,
            ServerCgroupPeakMb = server.Cgroup?.PeakMb,
            ServerOomKills = server.Cgroup?.OomKills,
        };
    }

    // A seeker's page that counts the queue changes it is sent.
    private static HubConnection Page(Uri server, Action onQueueEvent)
    {
        var page = HubClients.Create(server, "hubs/seeker");
        HubClients.OnAny(page, "queue", 1, onQueueEvent);
        HubClients.OnAny(page, "conversation", 1);
        HubClients.OnAny(page, "entry", 2);
        return page;
    }

    // Fills the queue: each filler opens a page, starts a chat and closes the page again (the chat
    // stays waiting), over and over; all fillers at once.
    private static async Task<(List<StartedChatReply> Chats, List<double> Latencies, double Seconds)> FillAsync(
        Uri server, string chatId, int count, int fillers)
    {
        var chats = new List<StartedChatReply>(count);
        var latencies = new List<double>(count);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(fillers, count)).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                await using var page = Page(server, () => { });
                await page.StartAsync();
                var started = Stopwatch.GetTimestamp();
                var chat = await page.InvokeAsync<StartedChatReply>("StartChat", chatId, "fi");
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (chats)
                {
                    chats.Add(chat);
                    latencies.Add(ms);
                }
            }
        }));
        return (chats, latencies, clock.Elapsed.TotalSeconds);
    }

    // Makes changes one at a time: the call's own latency, and the time until every waiting page
    // had been sent the change (the pages' count of queue events grew by one each).
    private static async Task<(LatencyStats Call, LatencyStats Reached)> OneAtATimeAsync(
        int changes, Func<long> eventsReceived, Func<long> pages, Func<int, Task<long>> change)
    {
        var calls = new List<double>();
        var reached = new List<double>();
        for (var k = 0; k < changes; k++)
        {
            var before = eventsReceived();
            var started = await change(k);
            calls.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var target = before + pages() - 1;
            var waited = Stopwatch.StartNew();
            while (eventsReceived() < target && waited.Elapsed < FanOutLimit)
            {
                await Task.Delay(1);
            }

            if (eventsReceived() < target)
            {
                Console.WriteLine($"    change {k + 1}: only {eventsReceived() - before} of {pages()} pages had it after {FanOutLimit.TotalSeconds} s");
            }

            reached.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (LatencyStats.From(calls), LatencyStats.From(reached));
    }

    private static void Report(string what, (LatencyStats Call, LatencyStats Reached) result) =>
        Console.WriteLine(
            $"  {what}: {result.Call.Count}, call p50 {result.Call.P50:F1} ms, p99 {result.Call.P99:F1} ms; " +
            $"reached every waiting page p50 {result.Reached.P50:F1} ms, p99 {result.Reached.P99:F1} ms");
}
