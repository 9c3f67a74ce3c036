using Nettiturvakoti.Queues;

namespace Nettiturvakoti.WebFront.Hubs;

/// <summary>The service at one moment, as the supervisors' live view shows it. No chat content.</summary>
public sealed record LiveView(
    DateTimeOffset At, IReadOnlyList<LiveChat> Chats, IReadOnlyList<LiveCounsellor> Counsellors, int ChatsInProgress);

/// <summary>A chat's queue: how it stands and how long the longest-waiting seeker has waited.</summary>
public sealed record LiveChat(string QueueId, string Name, QueueStatus Status, double LongestWaitSeconds);

/// <summary>A counsellor's availability and load, by chat name.</summary>
public sealed record LiveCounsellor(string ChatName, bool Available, int Conversations, int MaxConversations);
