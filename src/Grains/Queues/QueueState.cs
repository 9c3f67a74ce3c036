using Nettiturvakoti.Relay;

namespace Nettiturvakoti.Queues;

/// <summary>
/// A queue's grain state: only who listens. The waiting seekers are rows of their own
/// (<see cref="Storage.WaitingListStore"/>).
/// </summary>
[GenerateSerializer, Alias("ntk.QueueState")]
public sealed class QueueState
{
    [Id(0)]
    public List<IChatRelay> Relays { get; set; } = [];
}
