using Nettiturvakoti.Conversations;
using Nettiturvakoti.Relay;

namespace Nettiturvakoti.Conversations;

/// <summary>
/// A conversation's small, rarely changing facts. The entries are not here: they are rows of
/// their own (<see cref="Storage.TranscriptStore"/>), and so is the seeker's address.
/// </summary>
[GenerateSerializer, Alias("ntk.ConversationState")]
public sealed class ConversationState
{
    [Id(0)]
    public ConversationStatus Status { get; set; }

    [Id(1)]
    public string QueueId { get; set; } = "";

    [Id(2)]
    public string Language { get; set; } = "";

    [Id(3)]
    public byte[] SeekerSecretHash { get; set; } = [];

    [Id(4)]
    public CounsellorRef? Counsellor { get; set; }

    [Id(5)]
    public DateTimeOffset StartedAt { get; set; }

    [Id(6)]
    public DateTimeOffset? AssignedAt { get; set; }

    [Id(7)]
    public DateTimeOffset? EndedAt { get; set; }

    [Id(8)]
    public EndReason? EndReason { get; set; }

    [Id(9)]
    public List<IChatRelay> Relays { get; set; } = [];

    [Id(10)]
    public DateTimeOffset? TimeLimitEndsAt { get; set; }

    [Id(11)]
    public DateTimeOffset? TimeLimitSetAt { get; set; }

    /// <summary>The number of the last entry, kept when the text is deleted.</summary>
    [Id(12)]
    public long LastSequence { get; set; }

    [Id(13)]
    public bool FeedbackGiven { get; set; }
}
