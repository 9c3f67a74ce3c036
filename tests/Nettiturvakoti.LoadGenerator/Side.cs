namespace Nettiturvakoti.LoadGenerator;

/// <summary>The two ends of a conversation (or of a baseline pair).</summary>
public enum Side
{
    /// <summary>The seeker's page.</summary>
    Seeker = 0,

    /// <summary>The counsellor's console.</summary>
    Counsellor = 1,
}
