namespace Nettiturvakoti.Privacy;

/// <summary>The current hashing key and the limits made with it (keyed hashes only).</summary>
[GenerateSerializer, Alias("ntk.ContactLimitGrainState")]
public sealed class ContactLimitGrainState
{
    [Id(0)]
    public byte[] Key { get; set; } = [];

    [Id(1)]
    public Dictionary<string, DateTimeOffset> Limits { get; set; } = [];
}
