namespace Nettiturvakoti.Conversations;

/// <summary>Limits every conversation enforces, whoever calls.</summary>
public static class ChatLimits
{
    /// <summary>The longest message, in UTF-16 characters.</summary>
    public const int MaxMessageLength = 4000;

    /// <summary>The longest client message id.</summary>
    public const int MaxClientMessageIdLength = 64;

    /// <summary>The most entries one catch-up call returns; ask again for more.</summary>
    public const int MaxEntriesPerRead = 500;
}
