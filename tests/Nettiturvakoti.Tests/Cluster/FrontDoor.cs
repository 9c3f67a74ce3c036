namespace Nettiturvakoti.Tests.Cluster;

/// <summary>
/// The tests' load balancer, reduced to its choice: a client connects to its preferred web front
/// and, when that one refuses or is gone, to the next that takes the connection, as a balancer that
/// skips failed backends would send it.
/// </summary>
public sealed class FrontDoor(IReadOnlyList<Uri> fronts)
{
    /// <summary>The web fronts' base addresses by slot.</summary>
    public IReadOnlyList<Uri> Fronts { get; } = fronts;

    /// <summary>The web fronts in the order a client preferring <paramref name="preferred"/> tries them.</summary>
    public IEnumerable<Uri> InOrderFrom(int preferred) =>
        Enumerable.Range(0, Fronts.Count).Select(i => Fronts[(preferred + i) % Fronts.Count]);
}
