using System.Diagnostics;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>CPU time of the web front, of this generator and of the whole machine over one window.</summary>
public sealed class Measurement
{
    private readonly ProcessMeter _server;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly double _serverCpu;
    private readonly TimeSpan _ownCpu;
    private readonly MachineCpu _machine;

    private Measurement(ProcessMeter server)
    {
        _server = server;
        _serverCpu = server.CpuSeconds;
        _ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        _machine = MachineCpu.Read();
    }

    /// <summary>Starts a window now.</summary>
    public static Measurement Start(ProcessMeter server) => new(server);

    /// <summary>Ends the window.</summary>
    public CpuUse Stop()
    {
        var machine = MachineCpu.Read();
        return new(
            _clock.Elapsed.TotalSeconds,
            _server.CpuSeconds - _serverCpu,
            (Process.GetCurrentProcess().TotalProcessorTime - _ownCpu).TotalSeconds,
            machine.BusyPercentSince(_machine),
            machine.StealPercentSince(_machine));
    }
}
