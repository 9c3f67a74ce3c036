namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// A way to carry messages between the two sides of many pairs: the real chat (seeker and
/// counsellor hubs) or the plain relay. Its receivers report every message to <see cref="Ledger"/>.
/// </summary>
public interface IMessagePath : IAsyncDisposable
{
    /// <summary>The pairs (conversations) open.</summary>
    int Pairs { get; }

    /// <summary>Where received messages are reported; replaced for each run.</summary>
    DeliveryLedger? Ledger { get; set; }

    /// <summary>Sends one message from <paramref name="from"/> in <paramref name="pair"/>; returns its sequence number.</summary>
    Task<long> SendAsync(int pair, Side from, string clientMessageId, string text);
}
