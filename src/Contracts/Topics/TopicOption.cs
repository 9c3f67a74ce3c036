namespace Nettiturvakoti.Topics;

/// <summary>One answer the closing form offers.</summary>
/// <param name="Id">A short, stable id such as <c>physical</c>: lower-case letters, digits and '-'.</param>
/// <param name="Group">The question it answers.</param>
/// <param name="Names">Its name by language (fi, sv, en).</param>
/// <param name="Retired">A retired answer is no longer offered; past counts keep it.</param>
[GenerateSerializer, Immutable, Alias("ntk.TopicOption")]
public sealed record TopicOption(
    [property: Id(0)] string Id,
    [property: Id(1)] TopicGroup Group,
    [property: Id(2)] IReadOnlyDictionary<string, string> Names,
    [property: Id(3)] bool Retired = false);
