namespace Nettiturvakoti.LoadGenerator;

/// <summary>CPU used over a window.</summary>
/// <param name="Seconds">The window's length.</param>
/// <param name="ServerCpuSeconds">The web front's user plus system time.</param>
/// <param name="GeneratorCpuSeconds">This generator's.</param>
/// <param name="MachineBusyPercent">The share of all cores busy (every process, the database too).</param>
/// <param name="StealPercent">The share of all cores the virtual machine's host took (counted in busy).</param>
public sealed record CpuUse(
    double Seconds,
    double ServerCpuSeconds,
    double GeneratorCpuSeconds,
    double MachineBusyPercent,
    double StealPercent);
