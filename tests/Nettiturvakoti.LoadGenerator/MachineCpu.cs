using System.Globalization;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// The whole machine's CPU use between two readings of /proc/stat: every process counts, the web
/// front, this generator, PostgreSQL and whatever else runs. On a virtual machine, <see cref="Steal"/>
/// is the time the host ran something else while this machine had work: cores it did not get.
/// </summary>
public readonly record struct MachineCpu(long Busy, long Total, long Steal)
{
    /// <summary>The counters now.</summary>
    public static MachineCpu Read()
    {
        var first = File.ReadLines("/proc/stat").First();
        var values = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
        var total = values.Take(8).Sum();
        return new MachineCpu(total - values[3] - values[4], total, values[7]);
    }

    /// <summary>The share of all cores that was busy since <paramref name="earlier"/>, in percent.</summary>
    public double BusyPercentSince(MachineCpu earlier) =>
        Total == earlier.Total ? 0 : 100.0 * (Busy - earlier.Busy) / (Total - earlier.Total);

    /// <summary>
    /// The share of all cores taken by the host since <paramref name="earlier"/>, in percent (part of busy).
    /// </summary>
    public double StealPercentSince(MachineCpu earlier) =>
        Total == earlier.Total ? 0 : 100.0 * (Steal - earlier.Steal) / (Total - earlier.Total);
}
