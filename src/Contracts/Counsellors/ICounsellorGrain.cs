using Nettiturvakoti.Conversations;

namespace Nettiturvakoti.Counsellors;

/// <summary>
/// A counsellor at work, keyed by their account id: the conversations they are in and the
/// seekers they take.
/// </summary>
public interface ICounsellorGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Takes the seeker of <paramref name="conversationId"/> from <paramref name="queueId"/>, or the
    /// longest-waiting one there when it is null. Throws <see cref="ErrorCodes.NotQualified"/> when
    /// the counsellor does not serve the chat, <see cref="ErrorCodes.UnknownQueue"/> for an unknown
    /// chat, and <see cref="ErrorCodes.NoLongerWaiting"/> when nobody (or not that seeker) waits.
    /// </summary>
    /// <returns>The conversation as the counsellor sees it, with the seeker's address.</returns>
    Task<ConversationView> TakeAsync(string queueId, Guid? conversationId);

    /// <summary>The conversations the counsellor is in now, oldest first.</summary>
    Task<IReadOnlyList<Guid>> GetActiveConversationsAsync();

    /// <summary>Told by a conversation that it ended; it no longer counts as the counsellor's.</summary>
    [OneWay]
    Task ConversationEndedAsync(Guid conversationId);
}
