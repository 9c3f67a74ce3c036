using Microsoft.Extensions.Configuration;

namespace Nettiturvakoti.Hosting;

/// <summary>What operators get from a host: the metrics endpoint and the Orleans dashboard.</summary>
public sealed class OperationsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Operations";

    /// <summary>Where metrics are read from when <see cref="MetricsNetworks"/> is not configured.</summary>
    public static readonly IReadOnlyList<string> DefaultMetricsNetworks =
        ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];

    /// <summary>Whether the host serves metrics in Prometheus' text format.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>The path of the metrics endpoint.</summary>
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>
    /// The networks (CIDR) whose requests the metrics endpoint answers; others get 404. By default
    /// this machine and private networks, where a monitoring system would run.
    /// </summary>
    public string[]? MetricsNetworks { get; set; }

    /// <summary>Whether silos collect the Orleans dashboard's figures and web fronts show it to supervisors.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>
    /// Whether the dashboard times grain calls for its table of methods. It does so through a call
    /// filter that every grain call in the silo passes, watched or not: on the steady benchmark it
    /// added about 1 KB of garbage to each message and a third to the latency tail
    /// (docs/benchmarks.md). Off, the dashboard still shows silos, activations and counters; turn it
    /// on while looking into a slow method.
    /// </summary>
    public bool DashboardProfiling { get; set; }

    /// <summary>Reads the section, with defaults for what it leaves out.</summary>
    public static OperationsOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<OperationsOptions>() ?? new OperationsOptions();
}
