namespace Nettiturvakoti.WebFront.Relay;

/// <summary>The SignalR groups events are sent to.</summary>
public static class HubGroups
{
    /// <summary>The seeker connections of a conversation.</summary>
    public static string SeekerOf(Guid conversationId) => $"s:{conversationId:N}";

    /// <summary>
    /// A counsellor's connections for one conversation. Keyed by both, so that a counsellor who
    /// handed the chat over gets nothing of it after.
    /// </summary>
    public static string CounsellorOf(Guid conversationId, Guid counsellorId) => $"c:{conversationId:N}:{counsellorId:N}";

    /// <summary>All connections of one counsellor (their status).</summary>
    public static string Counsellor(Guid counsellorId) => $"k:{counsellorId:N}";

    /// <summary>The seekers waiting in a queue (they get positions, never ids).</summary>
    public static string SeekersWaitingIn(string queueId) => $"sq:{queueId}";

    /// <summary>The counsellors watching a queue.</summary>
    public static string CounsellorsWatching(string queueId) => $"cq:{queueId}";
}
