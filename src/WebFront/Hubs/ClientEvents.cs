namespace Nettiturvakoti.WebFront.Hubs;

/// <summary>The names of the events the hubs send to clients (see docs/protocol.md).</summary>
public static class ClientEvents
{
    /// <summary>A new timeline entry: (conversationId, entry).</summary>
    public const string Entry = "entry";

    /// <summary>A conversation changed status or counsellor: (conversation).</summary>
    public const string Conversation = "conversation";

    /// <summary>The seeker's address changed: (conversationId, address). Counsellor only.</summary>
    public const string SeekerAddress = "seekerAddress";

    /// <summary>The other side is typing: (conversationId, party).</summary>
    public const string Typing = "typing";

    /// <summary>A queue changed: (change). Seekers and counsellors get different shapes.</summary>
    public const string Queue = "queue";

    /// <summary>The counsellor's own status changed: (status). Counsellor only.</summary>
    public const string CounsellorStatus = "counsellorStatus";
}
