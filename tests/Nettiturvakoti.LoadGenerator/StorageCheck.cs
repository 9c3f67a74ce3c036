namespace Nettiturvakoti.LoadGenerator;

/// <summary>What reading the conversations back found.</summary>
/// <param name="Missing">Acknowledged messages not in the stored timeline.</param>
/// <param name="Repeated">Messages stored more than once (same side and client id).</param>
/// <param name="Misnumbered">Messages stored under another sequence number than acknowledged.</param>
/// <param name="Gaps">Places where a timeline skipped a sequence number.</param>
public sealed record StorageCheck(int Missing, int Repeated, int Misnumbered, int Gaps);
