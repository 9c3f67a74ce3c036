using Nettiturvakoti.LoadGenerator;

// Runs the chosen scenarios on the chosen backends against the real web front, then writes the
// JSON summary and the markdown tables. See docs/benchmarks.md and scripts/benchmark.sh.
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(
        "usage: Nettiturvakoti.LoadGenerator --web-front <dll> [--backends sqlite,postgres] " +
        "[--scenarios disksync,steady,longchat,waitingroom] [--conversations N] [--rate R] [--duration S] [--warmup S] [--hold S] " +
        "[--long-messages N] [--long-rate R] [--waiting N] [--fill-connections N] [--joins N] [--takes N] [--leaves N] " +
        "[--disk-seconds S] [--server-memory-limit MB] [--json file] [--markdown file] [--section name]");
    return 2;
}

options.DescribeCommand(Environment.GetEnvironmentVariable("NTK_BENCH_COMMAND")
    ?? "dotnet " + string.Join(' ', Environment.GetCommandLineArgs().Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a)));
var startedAt = DateTimeOffset.UtcNow;
var machine = MachineInfo.Read();
Console.WriteLine($"{machine.Cores} cores, {machine.MemoryGb} GiB, {machine.Os}; load average {machine.LoadBefore}");

var results = new List<ScenarioResult>();
foreach (var backend in options.Backends)
{
    foreach (var scenario in options.Scenarios)
    {
        if (scenario == Scenario.DiskSync && backend != options.Backends[0])
        {
            continue; // One disk: measured once.
        }

        Console.WriteLine($"{scenario} on {Report.Name(backend)} (load average {MachineInfo.LoadAverage()})");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        results.Add(scenario switch
        {
            Scenario.Steady => await SteadyScenario.RunAsync(options, backend),
            Scenario.LongChat => await LongChatScenario.RunAsync(options, backend),
            Scenario.DiskSync => await DiskSyncScenario.RunAsync(options.DiskSyncSeconds),
            _ => await WaitingRoomScenario.RunAsync(options, backend),
        });
        Console.WriteLine($"  done in {clock.Elapsed.TotalSeconds:F0} s");
        await Report.WriteJsonAsync(options.JsonPath, results);
    }
}

if (options.MarkdownPath.Length > 0)
{
    await Report.WriteMarkdownAsync(options.MarkdownPath, options.Section, results, machine, options.Command, MachineInfo.LoadAverage(), startedAt);
}

Console.WriteLine($"JSON summary: {options.JsonPath}");
return 0;
