namespace Nettiturvakoti.Counsellors;

/// <summary>A text a counsellor keeps ready to insert into a chat.</summary>
/// <param name="Title">A short name for picking it (at most 60 characters).</param>
/// <param name="Text">The text itself (at most 2000 characters).</param>
[GenerateSerializer, Immutable, Alias("ntk.PreparedText")]
public sealed record PreparedText(
    [property: Id(0)] string Title,
    [property: Id(1)] string Text);
