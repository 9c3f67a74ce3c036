namespace Nettiturvakoti.WebFront.Relay;

/// <summary>The SignalR groups events are sent to.</summary>
public static class HubGroups
{
    /// <summary>The seeker connections of a conversation.</summary>
    public static string SeekerOf(Guid conversationId) => $"s:{conversationId:N}";

    /// <summary>The counsellor connections of a conversation.</summary>
    public static string CounsellorOf(Guid conversationId) => $"c:{conversationId:N}";

    /// <summary>The seekers waiting in a queue (they get positions, never ids).</summary>
    public static string SeekersWaitingIn(string queueId) => $"sq:{queueId}";

    /// <summary>The counsellors watching a queue.</summary>
    public static string CounsellorsWatching(string queueId) => $"cq:{queueId}";
}
