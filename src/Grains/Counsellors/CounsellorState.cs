using Nettiturvakoti.Relay;

namespace Nettiturvakoti.Counsellors;

/// <summary>A counsellor at work: availability, the conversations they hold, who listens.</summary>
[GenerateSerializer, Alias("ntk.CounsellorState")]
public sealed class CounsellorState
{
    [Id(0)]
    public List<Guid> ActiveConversations { get; set; } = [];

    [Id(1)]
    public bool Available { get; set; }

    [Id(2)]
    public List<IChatRelay> Relays { get; set; } = [];

    [Id(3)]
    public List<Topics.PendingClosingForm> PendingForms { get; set; } = [];

    [Id(4)]
    public List<PreparedText> PreparedTexts { get; set; } = [];
}
