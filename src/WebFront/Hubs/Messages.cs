using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;

namespace Nettiturvakoti.WebFront.Hubs;

/// <summary>A chat as a seeker picks it: its names, whether it takes seekers now, and its coming openings.</summary>
public sealed record ChatInfo(
    string Id,
    IReadOnlyDictionary<string, string> Names,
    IReadOnlyList<string> Languages,
    QueueStatus Status,
    IReadOnlyList<OpeningSession> Upcoming);

/// <summary>What a seeker gets on starting a chat; the page keeps the id and secret to resume.</summary>
public sealed record StartedChat(Guid ConversationId, string Secret, ConversationView Conversation, QueuePlace? Position);

/// <summary>What a seeker or counsellor gets on (re)joining a conversation.</summary>
public sealed record JoinedChat(ConversationView Conversation, IReadOnlyList<ChatEntry> Entries, QueuePlace? Position);

/// <summary>The outcome of a send.</summary>
public sealed record SendResult(long Sequence, DateTimeOffset At, bool Duplicate);

/// <summary>A queue change as waiting seekers see it: tickets only, never conversation ids.</summary>
public sealed record SeekerQueueEvent(
    string QueueId, long Version, long? JoinedTicket, long? LeftTicket, bool Reset, QueueStatus Status);

/// <summary>A queue change as counsellors see it.</summary>
public sealed record CounsellorQueueEvent(
    string QueueId, long Version, WaitingSeeker? Joined, WaitingSeeker? Left, bool Reset, QueueStatus Status);

/// <summary>A queue as a counsellor's console shows it.</summary>
public sealed record QueueOverview(
    string QueueId,
    IReadOnlyDictionary<string, string> Names,
    long Version,
    QueueStatus Status,
    IReadOnlyList<WaitingSeeker> Longest);

/// <summary>Everything a counsellor's console needs when it (re)connects.</summary>
public sealed record CounsellorOverview(
    string ChatName,
    CounsellorStatus Status,
    IReadOnlyList<QueueOverview> Queues,
    IReadOnlyList<ConversationView> Conversations);

/// <summary>Another counsellor, as offered for a hand-over.</summary>
public sealed record Colleague(Guid AccountId, string ChatName, bool Available, int FreeSlots, IReadOnlyList<string> Queues);
