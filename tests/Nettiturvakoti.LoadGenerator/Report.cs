using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>Writes the results: a JSON array (one object per backend and scenario) and markdown tables.</summary>
public static class Report
{
    // The markers between which a run's results replace those of the last run of the same section.
    private static string Begin(string section) =>
        $"<!-- results:{section}:begin (written by tests/Nettiturvakoti.LoadGenerator; edit outside the markers) -->";

    private static string End(string section) => $"<!-- results:{section}:end -->";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The backend as the report names it.</summary>
    public static string Name(Backend backend) => backend == Backend.Sqlite ? "sqlite" : "postgresql";

    /// <summary>a / b rounded to two places, or null when b is not positive.</summary>
    public static double? Ratio(double a, double b) => b > 0 ? Math.Round(a / b, 2) : null;

    /// <summary>Writes the JSON summary, figures rounded to two places.</summary>
    public static async Task WriteJsonAsync(string path, IReadOnlyList<ScenarioResult> results)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var text = JsonSerializer.Serialize(results, Json);
        await File.WriteAllTextAsync(path, RoundNumbers(text));
    }

    /// <summary>Replaces the results section <paramref name="name"/> of <paramref name="path"/> (appends one if there is none).</summary>
    public static async Task WriteMarkdownAsync(
        string path, string name, IReadOnlyList<ScenarioResult> results, MachineInfo machine, string command, string loadAfter, DateTimeOffset startedAt)
    {
        var section = Section(name, results, machine, command, loadAfter, startedAt);
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path) : "# Benchmarks\n\n";
        var begin = existing.IndexOf(Begin(name), StringComparison.Ordinal);
        var end = existing.IndexOf(End(name), StringComparison.Ordinal);
        var updated = begin >= 0 && end > begin
            ? existing[..begin] + section + existing[(end + End(name).Length)..]
            : existing.TrimEnd() + "\n\n" + section + "\n";
        await File.WriteAllTextAsync(path, updated);
    }

    private static string Section(
        string name, IReadOnlyList<ScenarioResult> results, MachineInfo machine, string command, string loadAfter, DateTimeOffset startedAt)
    {
        var md = new StringBuilder();
        md.AppendLine(Begin(name));
        md.AppendLine($"Run of {startedAt:yyyy-MM-dd HH:mm} UTC on {machine.Cores} cores ({machine.Cpu}), {machine.MemoryGb} GiB, " +
            $"{machine.Os}, Linux {machine.Kernel}, {machine.Runtime}. Load average (1, 5, 15 min) before the run {machine.LoadBefore}, " +
            $"after it {loadAfter}. The generator ran on the same machine.");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine(command);
        md.AppendLine("```");

        foreach (var r in results.Where(r => r.Scenario == "disk-sync"))
        {
            md.AppendLine();
            md.AppendLine($"The disk, which every group commit waits for once: {r.Sent:N0} appends of 8 KB in {r.DurationS:0} s, each synced " +
                $"to disk; the sync took p50 {F(r.P50Ms)} ms, p99 {F(r.P99Ms)} ms, p99.9 {F(r.P999Ms)} ms, at most {F(r.MaxMs)} ms, " +
                $"and {r.SyncsOver50Ms} times over 50 ms.");
        }

        var steady = results.Where(r => r.Scenario == "steady").ToList();
        if (steady.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Steady load (latency from the moment a send was due to the other side's `entry` event):");
            md.AppendLine();
            md.AppendLine("| backend | conversations | rate /s | measured s | sent | received | lost | duplicated | p50 ms | p99 ms | p99.9 ms " +
                "| baseline p50 ms | baseline p99 ms | p99 ÷ baseline | delivered /s | server CPU s (chat / baseline) | machine busy % (chat / baseline) " +
                "| of it taken by the host % | server peak RSS MB | stored: missing / repeated / gaps |");
            md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var r in steady)
            {
                md.AppendLine($"| {r.Backend} | {r.Conversations:N0} | {r.Rate:N0} | {r.DurationS:0} | {r.Sent:N0} | {r.Received:N0} | {r.Lost} | {r.Duplicated} " +
                    $"| {F(r.P50Ms)} | {F(r.P99Ms)} | {F(r.P999Ms)} | {F(r.BaselineP50Ms)} | {F(r.BaselineP99Ms)} | {F(r.P99VsBaseline)} " +
                    $"| {r.ThroughputPerS:N0} | {F(r.ServerCpuS)} / {F(r.BaselineServerCpuS)} | {r.MachineCpuBusyPct:0} / {r.BaselineMachineCpuBusyPct:0} " +
                    $"| {r.MachineCpuStealPct:0.0} / {r.BaselineMachineCpuStealPct:0.0} | {r.ServerPeakRssMb:0} " +
                    $"| {r.StoredMissing} / {r.StoredRepeated} / {r.StoredGaps} |");
            }

            md.AppendLine();
            md.AppendLine("Group commits of 50 ms or more during the chat path's run (warm-up included), as the web front logged them: " +
                string.Join("; ", steady.Select(r => $"{r.Backend} {r.SlowCommits}" + (r.SlowestCommitMs is { } slowest ? $" (the slowest {slowest:N0} ms)" : ""))) + ".");
            md.AppendLine();
            md.AppendLine("The web front's collector over each whole run, warm-up included (collections, the time its threads stood paused, " +
                "what it allocated a message), and the generator's: " +
                string.Join("; ", steady.Select(r =>
                    $"{r.Backend} chat path {r.ServerCollections} collections, {r.ServerGcPauseMs:0} ms, {r.ServerAllocatedKbPerMessage:0.0} KB, " +
                    $"relay {r.BaselineServerCollections}, {r.BaselineServerGcPauseMs:0} ms, {r.BaselineServerAllocatedKbPerMessage:0.0} KB, " +
                    $"generator {r.GeneratorCollections} and {r.BaselineGeneratorCollections} collections")) + ".");
        }

        var longChats = results.Where(r => r.Scenario == "long-chat").ToList();
        if (longChats.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Long chat (one conversation; the first and the last messages compared):");
            md.AppendLine();
            md.AppendLine("| backend | messages | rate /s | lost | duplicated | first p50 ms | last p50 ms | last ÷ first (p50) " +
                "| first mean ms | last mean ms | last ÷ first (mean) | p99 ms (all) | baseline p50 ms | baseline last ÷ first (p50) |");
            md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var r in longChats)
            {
                md.AppendLine($"| {r.Backend} | {r.Sent:N0} | {r.Rate:N0} | {r.Lost} | {r.Duplicated} | {F(r.FirstP50Ms)} | {F(r.LastP50Ms)} " +
                    $"| {F(r.LastVsFirstP50)} | {F(r.FirstMeanMs)} | {F(r.LastMeanMs)} | {F(r.LastVsFirstMean)} | {F(r.P99Ms)} " +
                    $"| {F(r.BaselineP50Ms)} | {F(r.BaselineLastVsFirstP50)} |");
            }

            md.AppendLine();
            md.AppendLine($"The windows are the first and the last {longChats[0].WindowMessages} messages.");
        }

        var rooms = results.Where(r => r.Scenario == "waiting-room").ToList();
        if (rooms.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Waiting room (every waiting seeker's page connected; joins, takes and leaves one at a time; " +
                "\"reached all\" is until every waiting page had been sent the queue change):");
            md.AppendLine();
            md.AppendLine("| backend | waiting | fill: joins /s (join p50 / p99 ms) | join p50 / p99 ms | join reached all p50 / p99 ms " +
                "| take p50 / p99 ms | take reached all p50 / p99 ms | leave p50 / p99 ms | server RSS MB: empty / all waiting | server peak RSS MB (its own) |");
            md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var r in rooms)
            {
                md.AppendLine($"| {r.Backend} | {r.Waiting:N0} | {r.FillJoinsPerS:N0} ({F(r.FillJoinP50Ms)} / {F(r.FillJoinP99Ms)}) " +
                    $"| {F(r.JoinP50Ms)} / {F(r.JoinP99Ms)} | {F(r.JoinFanOutP50Ms)} / {F(r.JoinFanOutP99Ms)} " +
                    $"| {F(r.TakeP50Ms)} / {F(r.TakeP99Ms)} | {F(r.TakeFanOutP50Ms)} / {F(r.TakeFanOutP99Ms)} " +
                    $"| {F(r.LeaveP50Ms)} / {F(r.LeaveP99Ms)} | {r.ServerRssBeforeMb:0} / {r.ServerRssWaitingMb:0} | {r.ServerPeakRssMb:0} ({r.ServerPeakPrivateMb:0}) |");
            }

            md.AppendLine();
            md.AppendLine("\"Its own\" leaves out the mapped library files that RSS also counts (about 110 MB of the web front's RSS at start), " +
                "which processes share and the kernel can drop and read again.");

            foreach (var r in rooms.Where(r => r.ServerMemoryLimitMb is not null))
            {
                md.AppendLine();
                md.AppendLine($"On {r.Backend} the web front ran in a memory cgroup limited to {r.ServerMemoryLimitMb} MB, as in a container " +
                    $"of that size: the group's peak was {r.ServerCgroupPeakMb:0} MB (page cache and kernel memory included) " +
                    $"and the kernel killed it {r.ServerOomKills} times for want of memory.");
            }
        }

        md.Append(End(name));
        return md.ToString();
    }

    private static string F(double? value) => value switch
    {
        null => "–",
        >= 100 => value.Value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.Value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("F2", CultureInfo.InvariantCulture),
    };

    // Long fractions make the JSON hard to read; two places say all a benchmark can.
    private static string RoundNumbers(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, @"(?<=[:\[ ])(-?\d+)\.(\d{2})\d+", "$1.$2");
}
