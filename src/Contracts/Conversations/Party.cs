namespace Nettiturvakoti.Conversations;

/// <summary>Who wrote an entry or acts on a conversation.</summary>
public enum Party
{
    /// <summary>The anonymous person who opened the chat.</summary>
    Seeker = 0,

    /// <summary>The counsellor the conversation is assigned to.</summary>
    Counsellor = 1,

    /// <summary>The service itself (joins, endings, notices).</summary>
    System = 2,
}
