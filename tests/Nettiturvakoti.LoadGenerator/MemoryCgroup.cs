using System.Globalization;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// A Linux memory cgroup with a hard limit, for running the web front as it would run in a
/// container of that size: the kernel refuses it more memory (reclaiming cache first, then killing
/// it), and the .NET runtime reads the limit at start and keeps its heap to three quarters of it.
/// Works with cgroup v2 (memory.max) and v1 (memory.limit_in_bytes); needs the right to make
/// a group, which root has.
/// </summary>
public sealed class MemoryCgroup : IDisposable
{
    private const string V2Root = "/sys/fs/cgroup";
    private const string V1Root = "/sys/fs/cgroup/memory";

    private readonly string _folder;
    private readonly bool _v2;

    private MemoryCgroup(string folder, bool v2, int limitMb)
    {
        _folder = folder;
        _v2 = v2;
        LimitMb = limitMb;
    }

    /// <summary>The limit, in MB.</summary>
    public int LimitMb { get; }

    /// <summary>The file a process writes its pid to in order to join the group.</summary>
    public string ProcsFile => Path.Combine(_folder, "cgroup.procs");

    /// <summary>
    /// Makes a group limited to <paramref name="limitMb"/> MB. Throws <see cref="InvalidOperationException"/>
    /// saying why when this machine does not allow it.
    /// </summary>
    public static MemoryCgroup Create(int limitMb)
    {
        var name = "ntk-bench-" + Guid.NewGuid().ToString("N")[..8];
        var bytes = ((long)limitMb * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        try
        {
            var controllers = Path.Combine(V2Root, "cgroup.controllers");
            if (File.Exists(controllers) && File.ReadAllText(controllers).Split(' ', '\n').Contains("memory"))
            {
                var folder = Directory.CreateDirectory(Path.Combine(V2Root, name)).FullName;
                File.WriteAllText(Path.Combine(folder, "memory.max"), bytes);
                File.WriteAllText(Path.Combine(folder, "memory.swap.max"), "0");
                return new MemoryCgroup(folder, v2: true, limitMb);
            }

            if (Directory.Exists(V1Root))
            {
                var folder = Directory.CreateDirectory(Path.Combine(V1Root, name)).FullName;
                File.WriteAllText(Path.Combine(folder, "memory.limit_in_bytes"), bytes);
                return new MemoryCgroup(folder, v2: false, limitMb);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Could not make a memory cgroup here ({error.Message}); run as root, or leave out --server-memory-limit.", error);
        }

        throw new InvalidOperationException("This machine has no memory cgroup controller; leave out --server-memory-limit.");
    }

    /// <summary>The group's highest use in MB (the process's memory, its page cache and kernel memory charged to it).</summary>
    public double PeakMb => ReadLong(_v2 ? "memory.peak" : "memory.max_usage_in_bytes") / (1024.0 * 1024);

    /// <summary>How many times the kernel killed a process of the group for want of memory.</summary>
    public long OomKills => ReadKey(_v2 ? "memory.events" : "memory.oom_control", "oom_kill");

    private long ReadLong(string file) =>
        long.TryParse(ReadOrEmpty(file).Trim(), CultureInfo.InvariantCulture, out var value) ? value : 0;

    private long ReadKey(string file, string key)
    {
        foreach (var line in ReadOrEmpty(file).Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return 0;
    }

    private string ReadOrEmpty(string file)
    {
        try
        {
            return File.ReadAllText(Path.Combine(_folder, file));
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Removes the group; its process must have exited.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder);
        }
        catch (IOException)
        {
            // Still busy for a moment after the process went; the kernel frees an empty group's memory anyway.
        }
    }
}
