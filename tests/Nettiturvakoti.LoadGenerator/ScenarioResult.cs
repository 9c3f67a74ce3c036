using System.Text.Json.Serialization;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// One scenario on one backend, as written to the JSON summary (snake_case keys). The keys every
/// object has come first (null where one does not apply); other figures are left out where they do
/// not apply.
/// </summary>
public sealed record ScenarioResult
{
    /// <summary>
    /// The figures every scenario that runs the chat path and then the relay reports: counts,
    /// latencies, what was read back, and CPU and memory of the chat path's run.
    /// </summary>
    public static ScenarioResult FromPaths(string scenario, Backend backend, PathRun chat, PathRun baseline, StorageCheck stored)
    {
        var (c, b) = (chat.Delivery, baseline.Delivery);
        return new ScenarioResult
        {
            Scenario = scenario,
            Backend = Report.Name(backend),
            Sent = c.Sent,
            Received = c.Received,
            Lost = c.Lost,
            Duplicated = c.Duplicated,
            P50Ms = c.Latency.P50,
            P99Ms = c.Latency.P99,
            P999Ms = c.Latency.P999,
            BaselineP50Ms = b.Latency.P50,
            BaselineP99Ms = b.Latency.P99,
            ServerPeakRssMb = chat.ServerPeakRssMb,
            Acknowledged = c.Acknowledged,
            Failed = c.Failed,
            OutOfOrder = c.OutOfOrder,
            MeanMs = c.Latency.Mean,
            MaxMs = c.Latency.Max,
            ErrorSamples = [.. c.Errors, .. b.Errors],
            StoredMissing = stored.Missing,
            StoredRepeated = stored.Repeated,
            StoredMisnumbered = stored.Misnumbered,
            StoredGaps = stored.Gaps,
            BaselineSent = b.Sent,
            BaselineReceived = b.Received,
            BaselineLost = b.Lost,
            BaselineDuplicated = b.Duplicated,
            ServerCpuS = chat.Cpu.ServerCpuSeconds,
            GeneratorCpuS = chat.Cpu.GeneratorCpuSeconds,
            MachineCpuBusyPct = chat.Cpu.MachineBusyPercent,
            MachineCpuStealPct = chat.Cpu.StealPercent,
            ServerGcPauseMs = chat.Server.GcPauseMs,
            ServerCollections = chat.Server.Collections,
            ServerAllocatedKbPerMessage = chat.Server.AllocatedMb * 1024 / Math.Max(1, chat.Ledger.Total),
            ServerCompiledMethods = chat.Server.JitMethods,
            GroupCommits = chat.Server.Commits,
            GroupCommitsOver10Ms = chat.Server.CommitsOver10Ms,
            GeneratorCollections = chat.GeneratorCollections,
            BaselineServerGcPauseMs = baseline.Server.GcPauseMs,
            BaselineServerCollections = baseline.Server.Collections,
            BaselineServerAllocatedKbPerMessage = baseline.Server.AllocatedMb * 1024 / Math.Max(1, baseline.Ledger.Total),
            BaselineGeneratorCollections = baseline.GeneratorCollections,
        };
    }

    public required string Scenario { get; init; }

    public required string Backend { get; init; }

    public int Conversations { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? Rate { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? DurationS { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? Sent { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? Received { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? Lost { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? Duplicated { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? P50Ms { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? P99Ms { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? P999Ms { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? BaselineP50Ms { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? BaselineP99Ms { get; init; }

    public double ServerPeakRssMb { get; init; }

    // Delivery, beyond the keys above.
    public int? Acknowledged { get; init; }

    public int? Failed { get; init; }

    public int? OutOfOrder { get; init; }

    public double? P90Ms { get; init; }

    public double? MeanMs { get; init; }

    public double? MaxMs { get; init; }

    public double? ThroughputPerS { get; init; }

    public double? P99VsBaseline { get; init; }

    public double? P50VsBaseline { get; init; }

    public IReadOnlyList<string>? ErrorSamples { get; init; }

    // Read back from storage after the run.
    public int? StoredMissing { get; init; }

    public int? StoredRepeated { get; init; }

    public int? StoredMisnumbered { get; init; }

    public int? StoredGaps { get; init; }

    // The baseline's own counts.
    public int? BaselineSent { get; init; }

    public int? BaselineReceived { get; init; }

    public int? BaselineLost { get; init; }

    public int? BaselineDuplicated { get; init; }

    public double? BaselineP999Ms { get; init; }

    public double? BaselineThroughputPerS { get; init; }

    // CPU over the measured window (plus the drain), and memory.
    public double? ServerCpuS { get; init; }

    public double? GeneratorCpuS { get; init; }

    public double? MachineCpuBusyPct { get; init; }

    public double? MachineCpuStealPct { get; init; }

    public double? BaselineServerCpuS { get; init; }

    public double? BaselineGeneratorCpuS { get; init; }

    public double? BaselineMachineCpuBusyPct { get; init; }

    public double? BaselineMachineCpuStealPct { get; init; }

    // The web front's runtime over each whole run, warm-up included, and the generator's collector.
    public double? ServerGcPauseMs { get; init; }

    public long? ServerCollections { get; init; }

    public double? ServerAllocatedKbPerMessage { get; init; }

    public long? ServerCompiledMethods { get; init; }

    public long? GroupCommits { get; init; }

    public long? GroupCommitsOver10Ms { get; init; }

    public int? GeneratorCollections { get; init; }

    public double? BaselineServerGcPauseMs { get; init; }

    public long? BaselineServerCollections { get; init; }

    public double? BaselineServerAllocatedKbPerMessage { get; init; }

    public int? BaselineGeneratorCollections { get; init; }

    public double? ServerRssEndMb { get; init; }

    public double? ServerPeakPrivateMb { get; init; }

    public int? ServerMemoryLimitMb { get; init; }

    public int? SyncsOver50Ms { get; init; }

    public int? SlowCommits { get; init; }

    public int? SlowestCommitMs { get; init; }

    public double? ServerCgroupPeakMb { get; init; }

    public long? ServerOomKills { get; init; }

    public double? SetupS { get; init; }

    // Long chat: the first and the last messages of the one conversation.
    public int? WindowMessages { get; init; }

    public double? FirstP50Ms { get; init; }

    public double? FirstMeanMs { get; init; }

    public double? LastP50Ms { get; init; }

    public double? LastMeanMs { get; init; }

    public double? LastVsFirstP50 { get; init; }

    public double? LastVsFirstMean { get; init; }

    public double? BaselineLastVsFirstP50 { get; init; }

    // Waiting room.
    public int? Waiting { get; init; }

    public double? ServerRssBeforeMb { get; init; }

    public double? ServerRssWaitingMb { get; init; }

    public double? FillS { get; init; }

    public double? FillJoinP50Ms { get; init; }

    public double? FillJoinP99Ms { get; init; }

    public double? FillJoinsPerS { get; init; }

    public double? ConnectS { get; init; }

    public double? JoinP50Ms { get; init; }

    public double? JoinP99Ms { get; init; }

    public double? JoinFanOutP50Ms { get; init; }

    public double? JoinFanOutP99Ms { get; init; }

    public int? Takes { get; init; }

    public double? TakeP50Ms { get; init; }

    public double? TakeP99Ms { get; init; }

    public double? TakeFanOutP50Ms { get; init; }

    public double? TakeFanOutP99Ms { get; init; }

    public int? Leaves { get; init; }

    public double? LeaveP50Ms { get; init; }

    public double? LeaveP99Ms { get; init; }

    public double? LeaveFanOutP50Ms { get; init; }

    public long? QueueEventsReceived { get; init; }
}
