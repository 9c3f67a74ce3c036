using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// The same shape of load on the plain relay hub (/hubs/baseline: no Orleans, no storage): one
/// connection per seeker, one per ten pairs on the counsellors' side, each pair a SignalR group.
/// </summary>
public sealed class BaselinePath : IMessagePath
{
    private readonly HubConnection[] _seekers;
    private readonly HubConnection[] _counsellors;
    private readonly string _prefix = "p" + Guid.NewGuid().ToString("N")[..6] + "-";

    private BaselinePath(HubConnection[] seekers, HubConnection[] counsellors)
    {
        _seekers = seekers;
        _counsellors = counsellors;
    }

    public int Pairs => _seekers.Length;

    public DeliveryLedger? Ledger { get; set; }

    /// <summary>Connects both sides of <paramref name="count"/> pairs and joins their groups.</summary>
    public static async Task<BaselinePath> OpenAsync(Uri server, int count)
    {
        var counsellorSide = (count + ChatPath.ChatsPerCounsellor - 1) / ChatPath.ChatsPerCounsellor;
        var path = new BaselinePath(
            [.. Enumerable.Range(0, count).Select(_ => HubClients.Create(server, "hubs/baseline"))],
            [.. Enumerable.Range(0, counsellorSide).Select(_ => HubClients.Create(server, "hubs/baseline"))]);
        path.Listen();
        await HubClients.StartAllAsync(path._seekers.Concat(path._counsellors));
        await Parallel.ForEachAsync(Enumerable.Range(0, count), async (pair, token) =>
        {
            await path._seekers[pair].InvokeAsync("Join", path.Group(pair), token);
            await path.CounsellorOf(pair).InvokeAsync("Join", path.Group(pair), token);
        });
        return path;
    }

    public Task<long> SendAsync(int pair, Side from, string clientMessageId, string text) =>
        (from == Side.Seeker ? _seekers[pair] : CounsellorOf(pair))
            .InvokeAsync<long>("Send", Group(pair), clientMessageId, text);

    private HubConnection CounsellorOf(int pair) => _counsellors[pair / ChatPath.ChatsPerCounsellor];

    private string Group(int pair) => _prefix + pair.ToString(CultureInfo.InvariantCulture);

    private void Listen()
    {
        void OnEntry(HubConnection connection, Side side) =>
            connection.On<string, long, string, string>("entry", (group, sequence, clientMessageId, _) =>
            {
                var pair = int.Parse(group.AsSpan(_prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
                Ledger?.Received(pair, side, sequence, clientMessageId);
            });

        foreach (var seeker in _seekers)
        {
            OnEntry(seeker, Side.Seeker);
        }

        foreach (var counsellor in _counsellors)
        {
            OnEntry(counsellor, Side.Counsellor);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await HubClients.StopAllAsync(_seekers);
        await HubClients.StopAllAsync(_counsellors);
    }
}
