using System.Diagnostics;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// CPU time of the web front, of this generator and of the whole machine over one window, and the
/// web front's collections in it.
/// </summary>
public sealed class Measurement
{
    private readonly WebFrontProcess _server;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly double _serverCpu;
    private readonly TimeSpan _ownCpu;
    private readonly MachineCpu _machine;
    private readonly Task<ServerRuntime> _serverRuntime;

    private Measurement(WebFrontProcess server)
    {
        _server = server;
        _serverCpu = server.Meter.CpuSeconds;
        _ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        _machine = MachineCpu.Read();
        // Read on the thread pool: the window starts on the timeline's thread, which must not wait.
        _serverRuntime = Task.Run(server.ReadRuntimeAsync);
    }

    /// <summary>Starts a window now.</summary>
    public static Measurement Start(WebFrontProcess server) => new(server);

    /// <summary>Ends the window.</summary>
    public async Task<(CpuUse Cpu, ServerRuntime Server)> StopAsync()
    {
        var machine = MachineCpu.Read();
        var cpu = new CpuUse(
            _clock.Elapsed.TotalSeconds,
            _server.Meter.CpuSeconds - _serverCpu,
            (Process.GetCurrentProcess().TotalProcessorTime - _ownCpu).TotalSeconds,
            machine.BusyPercentSince(_machine),
            machine.StealPercentSince(_machine));
        var gc = (await _server.ReadRuntimeAsync()).Since(await _serverRuntime);
        return (cpu, gc);
    }
}
