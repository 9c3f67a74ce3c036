using Nettiturvakoti.Conversations;
using Nettiturvakoti.Relay;

namespace Nettiturvakoti.Counsellors;

/// <summary>
/// A counsellor at work, keyed by their account id: whether they take seekers, the conversations
/// they hold, and the seekers they take or hand over.
/// </summary>
public interface ICounsellorGrain : IGrainWithGuidKey
{
    /// <summary>Whether they take seekers, the conversations they hold and how many they may.</summary>
    Task<CounsellorStatus> GetStatusAsync();

    /// <summary>Goes available (takes seekers) or away. A new counsellor starts away.</summary>
    Task<CounsellorStatus> SetAvailableAsync(bool available);

    /// <summary>
    /// Takes the seeker of <paramref name="conversationId"/> from <paramref name="queueId"/>, or the
    /// longest-waiting one there when it is null. Throws <see cref="ErrorCodes.ClosingFormRequired"/>
    /// while a closing form is owed, <see cref="ErrorCodes.Away"/> when the
    /// counsellor is away, <see cref="ErrorCodes.AtCapacity"/> when they hold their maximum,
    /// <see cref="ErrorCodes.NotQualified"/> when they do not serve the chat,
    /// <see cref="ErrorCodes.UnknownQueue"/> for an unknown chat, and
    /// <see cref="ErrorCodes.NoLongerWaiting"/> when nobody (or not that seeker) waits.
    /// </summary>
    /// <returns>The conversation as the counsellor sees it, with the seeker's address.</returns>
    Task<ConversationView> TakeAsync(string queueId, Guid? conversationId);

    /// <summary>
    /// Takes the seeker who has waited longest in any chat the counsellor serves. Throws as
    /// <see cref="TakeAsync"/> does; <see cref="ErrorCodes.NoLongerWaiting"/> when nobody waits.
    /// </summary>
    Task<ConversationView> TakeNextAsync();

    /// <summary>
    /// Hands one of the counsellor's conversations to another counsellor, who must serve the chat,
    /// be available and have room. Throws <see cref="ErrorCodes.NotYourConversation"/>,
    /// <see cref="ErrorCodes.NotQualified"/>, <see cref="ErrorCodes.Away"/> or
    /// <see cref="ErrorCodes.AtCapacity"/>; then nothing changed.
    /// </summary>
    Task HandOverAsync(Guid conversationId, Guid toCounsellorId);

    /// <summary>
    /// Receives a conversation handed over by <paramref name="fromCounsellorId"/>. Called by the
    /// other counsellor's grain only; throws as <see cref="HandOverAsync"/> describes.
    /// </summary>
    Task<ConversationView> ReceiveHandOverAsync(Guid conversationId, Guid fromCounsellorId);

    /// <summary>
    /// Told by a conversation that it ended or moved on; it no longer counts as the counsellor's.
    /// When <paramref name="formRequired"/>, a closing form for <paramref name="queueId"/> is owed
    /// before the counsellor's next chat.
    /// </summary>
    [OneWay]
    Task ConversationEndedAsync(Guid conversationId, string queueId, bool formRequired);

    /// <summary>
    /// Records a closing form the counsellor owes, into the month's statistics of its chat.
    /// Throws <see cref="ErrorCodes.BadRequest"/> for an unknown form id or a malformed form.
    /// </summary>
    Task<CounsellorStatus> SubmitClosingFormAsync(string formId, Topics.ClosingForm form);

    /// <summary>The counsellor's own prepared texts, in their order.</summary>
    Task<IReadOnlyList<PreparedText>> GetPreparedTextsAsync();

    /// <summary>
    /// Replaces the counsellor's prepared texts (at most 50). Throws
    /// <see cref="ErrorCodes.BadRequest"/> for a text that is empty, too long or holds control characters.
    /// </summary>
    Task<IReadOnlyList<PreparedText>> SavePreparedTextsAsync(IReadOnlyList<PreparedText> texts);

    /// <summary>
    /// Subscribes a web front's relay to this counsellor's status changes until
    /// <see cref="RelayLease.Duration"/> passes without a renewal.
    /// </summary>
    Task SubscribeAsync(IChatRelay relay);

    /// <summary>Stops sending status changes to <paramref name="relay"/>.</summary>
    Task UnsubscribeAsync(IChatRelay relay);
}
