using System.Globalization;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// Reads a process's memory and CPU time from /proc: resident memory (VmRSS) polled every 50 ms,
/// its kernel-kept peak (VmHWM, reset by writing 5 to clear_refs), and user plus system time.
/// </summary>
public sealed class ProcessMeter : IAsyncDisposable
{
    // USER_HZ: the unit of utime and stime in /proc/<pid>/stat, 100 on every Linux port in use.
    private const double TicksPerSecond = 100;

    private readonly string _folder;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;
    private long _maxRssKb;
    private long _maxPrivateKb;

    public ProcessMeter(int pid)
    {
        _folder = $"/proc/{pid}";
        _polling = Task.Run(PollAsync);
    }

    /// <summary>Starts a new peak: both the polled one and the kernel's.</summary>
    public void ResetPeak()
    {
        try
        {
            File.WriteAllText(Path.Combine(_folder, "clear_refs"), "5");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Without clear_refs only the polled peak restarts.
        }

        Interlocked.Exchange(ref _maxRssKb, ReadStatusKb("VmRSS:"));
        Interlocked.Exchange(ref _maxPrivateKb, PrivateKb());
    }

    /// <summary>Resident memory now, in MB.</summary>
    public double RssMb => ReadStatusKb("VmRSS:") / 1024.0;

    /// <summary>The highest resident memory since the last reset, in MB.</summary>
    public double PeakRssMb => Math.Max(Interlocked.Read(ref _maxRssKb), ReadStatusKb("VmHWM:")) / 1024.0;

    /// <summary>
    /// The highest polled resident memory of the process's own (anonymous and shared-memory pages:
    /// heaps, stacks, generated code), leaving out the mapped library files that RSS also counts,
    /// which other processes share and the kernel can drop and read again. In MB.
    /// </summary>
    public double PeakPrivateMb => Interlocked.Read(ref _maxPrivateKb) / 1024.0;

    /// <summary>User plus system CPU time used so far, in seconds.</summary>
    public double CpuSeconds
    {
        get
        {
            var stat = ReadOrEmpty(Path.Combine(_folder, "stat"));
            var close = stat.LastIndexOf(')');
            if (close < 0)
            {
                return 0;
            }

            // After the command name: state is field 3, utime field 14 and stime field 15.
            var fields = stat[(close + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture))
                / TicksPerSecond;
        }
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var status = ReadOrEmpty(Path.Combine(_folder, "status"));
                var rss = StatusKb(status, "VmRSS:");
                if (rss > Interlocked.Read(ref _maxRssKb))
                {
                    Interlocked.Exchange(ref _maxRssKb, rss);
                }

                var own = StatusKb(status, "RssAnon:") + StatusKb(status, "RssShmem:");
                if (own > Interlocked.Read(ref _maxPrivateKb))
                {
                    Interlocked.Exchange(ref _maxPrivateKb, own);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private long PrivateKb()
    {
        var status = ReadOrEmpty(Path.Combine(_folder, "status"));
        return StatusKb(status, "RssAnon:") + StatusKb(status, "RssShmem:");
    }

    private long ReadStatusKb(string field) => StatusKb(ReadOrEmpty(Path.Combine(_folder, "status")), field);

    private static long StatusKb(string status, string field)
    {
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var digits = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(digits, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        _stop.Dispose();
    }
}
