using System.Globalization;
using System.Runtime.InteropServices;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>What the machine is, and how busy it was before the run, for the report.</summary>
public sealed record MachineInfo(int Cores, double MemoryGb, string Os, string Kernel, string Cpu, string Runtime, string LoadBefore)
{
    /// <summary>Reads /proc and /etc/os-release.</summary>
    public static MachineInfo Read()
    {
        var memoryKb = ReadField("/proc/meminfo", "MemTotal:").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var os = ReadField("/etc/os-release", "PRETTY_NAME=").Trim('"');
        var cpu = ReadField("/proc/cpuinfo", "model name").TrimStart('\t', ' ', ':');
        return new MachineInfo(
            Environment.ProcessorCount,
            Math.Round(long.Parse(memoryKb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0, 1),
            os,
            File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
            cpu,
            RuntimeInformation.FrameworkDescription,
            LoadAverage());
    }

    /// <summary>The 1, 5 and 15 minute load averages now.</summary>
    public static string LoadAverage() =>
        string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string ReadField(string path, string prefix)
    {
        try
        {
            return File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim() ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
