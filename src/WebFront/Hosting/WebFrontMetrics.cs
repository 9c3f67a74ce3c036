using System.Diagnostics.Metrics;

namespace Nettiturvakoti.WebFront.Hosting;

/// <summary>
/// The web front's own measurements: open hub connections and failed hub calls, by hub and error
/// code. Like every metric of the service, they name no person and no conversation.
/// </summary>
public static class WebFrontMetrics
{
    /// <summary>The meter's name, for exporters to listen to.</summary>
    public const string MeterName = "Nettiturvakoti.WebFront";

    // Process-wide, for the reason given on ChatMetrics.
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "ntk.hub.errors", "{error}", "Hub calls that failed: refused by a rule, the cluster unavailable, or an internal error.");
    private static readonly UpDownCounter<long> Connections =
        Meter.CreateUpDownCounter<long>("ntk.hub.connections", "{connection}", "Open hub connections.");

    /// <summary>A hub call failed with <paramref name="code"/> (a rule's code, "unavailable" or "internal").</summary>
    public static void CallFailed(string hub, string code) => Errors.Add(
        1, new KeyValuePair<string, object?>("hub", hub), new KeyValuePair<string, object?>("code", code));

    /// <summary>A hub connection opened (+1) or closed (-1).</summary>
    public static void ConnectionChanged(string hub, int change) =>
        Connections.Add(change, new KeyValuePair<string, object?>("hub", hub));
}
