using System.Globalization;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>What to run, read from <c>--name value</c> arguments; every value has a default.</summary>
public sealed class BenchmarkOptions
{
    /// <summary>The built web front to start (src/WebFront/bin/Release/net10.0/Nettiturvakoti.WebFront.dll).</summary>
    public string WebFront { get; private set; } = "";

    /// <summary>The databases to run against, in order.</summary>
    public IReadOnlyList<Backend> Backends { get; private set; } = [Backend.Sqlite, Backend.PostgreSql];

    /// <summary>The scenarios to run on each backend, in order.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; private set; } = [Scenario.DiskSync, Scenario.Steady, Scenario.LongChat, Scenario.WaitingRoom];

    /// <summary>Disk sync: seconds of synced appends.</summary>
    public double DiskSyncSeconds { get; private set; } = 3;

    /// <summary>Steady: conversations open at once.</summary>
    public int Conversations { get; private set; } = 1000;

    /// <summary>Steady: messages per second in total, both directions.</summary>
    public double Rate { get; private set; } = 5000;

    /// <summary>Steady: seconds measured (after the warm-up).</summary>
    public double DurationSeconds { get; private set; } = 10;

    /// <summary>
    /// Seconds of load before measuring starts, on each path; in the steady scenario the rate
    /// climbs from nothing to the full rate over them.
    /// </summary>
    public double WarmupSeconds { get; private set; } = 10;

    /// <summary>Steady: seconds at the full rate after the climb and before measuring starts.</summary>
    public double HoldSeconds { get; private set; } = 5;

    /// <summary>Seconds to wait, after the last send was answered, for deliveries still on their way.</summary>
    public double GraceSeconds { get; private set; } = 5;

    /// <summary>Long chat: messages in the one conversation.</summary>
    public int LongChatMessages { get; private set; } = 1000;

    /// <summary>Long chat: messages per second.</summary>
    public double LongChatRate { get; private set; } = 200;

    /// <summary>Long chat: how many messages at each end are compared.</summary>
    public int LongChatWindow { get; private set; } = 50;

    /// <summary>
    /// Waiting room: seekers waiting at once in one chat. The default keeps the whole run within
    /// five minutes; the 10,000 of issue 9 is a run of its own (docs/benchmarks.md).
    /// </summary>
    public int WaitingSeekers { get; private set; } = 1000;

    /// <summary>Waiting room: seekers joining at once while the queue is filled.</summary>
    public int FillConnections { get; private set; } = 50;

    /// <summary>Waiting room: joins measured one at a time once the queue is full.</summary>
    public int Joins { get; private set; } = 50;

    /// <summary>Waiting room: seekers taken from the front, one at a time (by counsellors holding 10 each).</summary>
    public int Takes { get; private set; } = 50;

    /// <summary>Waiting room: seekers who leave from the middle of the queue, one at a time.</summary>
    public int Leaves { get; private set; } = 50;

    /// <summary>Characters of text in each message.</summary>
    public int MessageLength { get; private set; } = 100;

    /// <summary>
    /// When set, the web front runs in a memory cgroup of this many MB, as in a container of that
    /// size (Linux, as root).
    /// </summary>
    public int? ServerMemoryLimitMb { get; private set; }

    /// <summary>The PostgreSQL server to create the benchmark's database on (an admin connection string).</summary>
    public string PostgresAdmin { get; private set; } =
        Environment.GetEnvironmentVariable("NTK_BENCH_POSTGRES")
        ?? $"Host=/var/run/postgresql;Username={Environment.UserName};Database=postgres";

    /// <summary>Where the JSON summary goes.</summary>
    public string JsonPath { get; private set; } = Path.Combine("artifacts", "benchmarks", "summary.json");

    /// <summary>The markdown file whose results section is replaced; empty for none.</summary>
    public string MarkdownPath { get; private set; } = Path.Combine("docs", "benchmarks.md");

    /// <summary>Which results section of the markdown file this run replaces.</summary>
    public string Section { get; private set; } = "default";

    /// <summary>The command line as typed, for the report.</summary>
    public string Command { get; private set; } = "";

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value.");
            }

            options.Set(name, args[i + 1]);
        }

        if (string.IsNullOrEmpty(options.WebFront) || !File.Exists(options.WebFront))
        {
            throw new ArgumentException("--web-front must name the built Nettiturvakoti.WebFront.dll.");
        }

        return options;
    }

    /// <summary>Records the command line that the report shows.</summary>
    public void DescribeCommand(string command) => Command = command;

    private void Set(string name, string value)
    {
        switch (name)
        {
            case "--web-front": WebFront = Path.GetFullPath(value); break;
            case "--backends": Backends = [.. List(value).Select(ParseBackend)]; break;
            case "--scenarios": Scenarios = [.. List(value).Select(ParseScenario)]; break;
            case "--conversations": Conversations = Positive(name, int.Parse(value, CultureInfo.InvariantCulture)); break;
            case "--rate": Rate = Positive(name, double.Parse(value, CultureInfo.InvariantCulture)); break;
            case "--duration": DurationSeconds = Positive(name, double.Parse(value, CultureInfo.InvariantCulture)); break;
            case "--warmup": WarmupSeconds = double.Parse(value, CultureInfo.InvariantCulture); break;
            case "--hold": HoldSeconds = double.Parse(value, CultureInfo.InvariantCulture); break;
            case "--grace": GraceSeconds = Positive(name, double.Parse(value, CultureInfo.InvariantCulture)); break;
            case "--long-messages": LongChatMessages = Positive(name, int.Parse(value, CultureInfo.InvariantCulture)); break;
            case "--long-rate": LongChatRate = Positive(name, double.Parse(value, CultureInfo.InvariantCulture)); break;
            case "--long-window": LongChatWindow = Positive(name, int.Parse(value, CultureInfo.InvariantCulture)); break;
            case "--waiting": WaitingSeekers = Positive(name, int.Parse(value, CultureInfo.InvariantCulture)); break;
            case "--fill-connections": FillConnections = Positive(name, int.Parse(value, CultureInfo.InvariantCulture)); break;
            case "--joins": Joins = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "--takes": Takes = Positive(name, int.Parse(value, CultureInfo.InvariantCulture)); break;
            case "--leaves": Leaves = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "--message-length": MessageLength = Positive(name, int.Parse(value, CultureInfo.InvariantCulture)); break;
            case "--disk-seconds": DiskSyncSeconds = Positive(name, double.Parse(value, CultureInfo.InvariantCulture)); break;
            case "--server-memory-limit": ServerMemoryLimitMb = Positive(name, int.Parse(value, CultureInfo.InvariantCulture)); break;
            case "--postgres-admin": PostgresAdmin = value; break;
            case "--json": JsonPath = value; break;
            case "--markdown": MarkdownPath = value; break;
            case "--section": Section = value; break;
            default: throw new ArgumentException($"Unknown option {name}.");
        }
    }

    private static string[] List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static T Positive<T>(string name, T value)
        where T : System.Numerics.INumber<T> =>
        value > T.Zero ? value : throw new ArgumentException($"{name} must be positive.");

    private static Backend ParseBackend(string value) => value.ToLowerInvariant() switch
    {
        "sqlite" => Backend.Sqlite,
        "postgres" or "postgresql" => Backend.PostgreSql,
        _ => throw new ArgumentException($"Unknown backend {value} (sqlite, postgres)."),
    };

    private static Scenario ParseScenario(string value) => value.ToLowerInvariant() switch
    {
        "steady" => Scenario.Steady,
        "longchat" or "long-chat" => Scenario.LongChat,
        "waitingroom" or "waiting-room" => Scenario.WaitingRoom,
        "disksync" or "disk-sync" => Scenario.DiskSync,
        _ => throw new ArgumentException($"Unknown scenario {value} (steady, longchat, waitingroom, disksync)."),
    };
}
