namespace Nettiturvakoti.Queues;

/// <summary>Whether a chat takes new seekers at a moment.</summary>
public enum ChatOpenness
{
    /// <summary>Open and admitting new seekers.</summary>
    Open = 0,

    /// <summary>Open, but past the admission cutoff: those waiting are served, nobody new is admitted.</summary>
    ClosingSoon = 1,

    /// <summary>Closed (outside its hours, on a holiday, or retired).</summary>
    Closed = 2,
}
