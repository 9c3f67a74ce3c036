using Nettiturvakoti.Conversations;
using Nettiturvakoti.Queues;

namespace Nettiturvakoti.WebFront.Hubs;

/// <summary>A chat as a seeker picks it.</summary>
public sealed record ChatInfo(string Id, IReadOnlyDictionary<string, string> Names, IReadOnlyList<string> Languages);

/// <summary>What a seeker gets on starting a chat; the page keeps the id and secret to resume.</summary>
public sealed record StartedChat(Guid ConversationId, string Secret, ConversationView Conversation, QueuePlace? Position);

/// <summary>What a seeker or counsellor gets on (re)joining a conversation.</summary>
public sealed record JoinedChat(ConversationView Conversation, IReadOnlyList<ChatEntry> Entries, QueuePlace? Position);

/// <summary>The outcome of a send.</summary>
public sealed record SendResult(long Sequence, DateTimeOffset At, bool Duplicate);

/// <summary>A queue change as waiting seekers see it: tickets only, never conversation ids.</summary>
public sealed record SeekerQueueEvent(string QueueId, long Version, int Waiting, long? JoinedTicket, long? LeftTicket, bool Reset);

/// <summary>A queue change as counsellors see it.</summary>
public sealed record CounsellorQueueEvent(
    string QueueId, long Version, int Waiting, WaitingSeeker? Joined, WaitingSeeker? Left, bool Reset);

/// <summary>A queue as a counsellor's console shows it.</summary>
public sealed record QueueOverview(
    string QueueId,
    IReadOnlyDictionary<string, string> Names,
    long Version,
    int Waiting,
    IReadOnlyList<WaitingSeeker> Longest);

/// <summary>Everything a counsellor's console needs when it (re)connects.</summary>
public sealed record CounsellorOverview(
    string ChatName, IReadOnlyList<QueueOverview> Queues, IReadOnlyList<ConversationView> Conversations);
