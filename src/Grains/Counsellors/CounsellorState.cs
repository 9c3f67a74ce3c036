namespace Nettiturvakoti.Counsellors;

/// <summary>A counsellor's conversations in progress.</summary>
[GenerateSerializer, Alias("ntk.CounsellorState")]
public sealed class CounsellorState
{
    [Id(0)]
    public List<Guid> ActiveConversations { get; set; } = [];
}
