namespace Nettiturvakoti.LoadGenerator;

/// <summary>The benchmark's scenarios.</summary>
public enum Scenario
{
    /// <summary>Many conversations at a fixed total message rate, against the plain relay.</summary>
    Steady,

    /// <summary>One conversation's message 1,000 against its message 1.</summary>
    LongChat,

    /// <summary>Ten thousand seekers waiting in one chat: joins, takes, leaves and memory.</summary>
    WaitingRoom,

    /// <summary>How long the disk takes to make a small write durable (once, whatever the backends).</summary>
    DiskSync,
}
