namespace Nettiturvakoti;

/// <summary>The <c>Chat</c> configuration section: timings every chat shares.</summary>
public sealed class ChatOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Chat";

    /// <summary>A waiting seeker whose page has not been heard of for this long leaves the queue.</summary>
    public TimeSpan WaitingSeekerGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>After this long with nobody writing, both sides are warned that the chat will close.</summary>
    public TimeSpan IdleWarning { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After this long with nobody writing, the chat closes.</summary>
    public TimeSpan IdleClose { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often a queue checks its hours and the presence of its waiting seekers.</summary>
    public TimeSpan QueueTick { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many chats one client address may open within <see cref="StartWindow"/>.</summary>
    public int StartsPerWindow { get; set; } = 5;

    /// <summary>The window of <see cref="StartsPerWindow"/>.</summary>
    public TimeSpan StartWindow { get; set; } = TimeSpan.FromMinutes(10);
}
