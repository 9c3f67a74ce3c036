namespace Nettiturvakoti.Topics;

/// <summary>The closing form's answers.</summary>
[GenerateSerializer, Alias("ntk.TopicCatalogState")]
public sealed class TopicCatalogState
{
    [Id(0)]
    public List<TopicOption> Options { get; set; } = [];
}
