using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>
/// Conversations opened the way people open them: each seeker connects to /hubs/seeker and calls
/// StartChat; counsellors log in through the form, connect to /hubs/counsellor, call GetOverview
/// and Take the longest-waiting seeker. Each counsellor holds ten conversations on one connection.
/// </summary>
public sealed class ChatPath : IMessagePath
{
    /// <summary>The most chats one counsellor account may hold.</summary>
    public const int ChatsPerCounsellor = 10;

    /// <summary>The most conversations opened in one chat.</summary>
    public const int ConversationsPerChat = 20;

    private readonly HubConnection[] _seekers;
    private readonly HubConnection[] _counsellors;
    private readonly Guid[] _conversations;
    private readonly int[] _counsellorOf;
    private readonly Dictionary<Guid, int> _pairOf = [];

    private ChatPath(HubConnection[] seekers, HubConnection[] counsellors)
    {
        _seekers = seekers;
        _counsellors = counsellors;
        _conversations = new Guid[seekers.Length];
        _counsellorOf = new int[seekers.Length];
    }

    public int Pairs => _seekers.Length;

    public DeliveryLedger? Ledger { get; set; }

    /// <summary>How long opening the conversations took, in seconds (logins, connections, starts, takes).</summary>
    public double OpenSeconds { get; private set; }

    /// <summary>
    /// Opens <paramref name="count"/> conversations, each taken by a counsellor. They are spread over
    /// chats of at most <see cref="ConversationsPerChat"/>, each with its own counsellors, so that
    /// the takes of different chats go on side by side (each queue hands out one seeker at a time).
    /// </summary>
    public static async Task<ChatPath> OpenAsync(Uri server, ClusterSetup cluster, int count)
    {
        var clock = Stopwatch.StartNew();
        var counsellorChat = new List<string>();
        var names = new List<string>();
        for (var first = 0; first < count; first += ConversationsPerChat)
        {
            var size = Math.Min(ConversationsPerChat, count - first);
            var chatId = await cluster.CreateChatAsync(queueCap: size + 100);
            foreach (var name in await cluster.CreateCounsellorsAsync(chatId, (size + ChatsPerCounsellor - 1) / ChatsPerCounsellor))
            {
                names.Add(name);
                counsellorChat.Add(chatId);
            }
        }

        var accountsAt = clock.Elapsed.TotalSeconds;
        var cookies = new CookieContainer[names.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, names.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, _) => cookies[i] = await CounsellorLogin.LogInAsync(server, names[i], ClusterSetup.CounsellorPassword));

        var path = new ChatPath(
            [.. Enumerable.Range(0, count).Select(_ => HubClients.Create(server, "hubs/seeker"))],
            [.. cookies.Select(c => HubClients.Create(server, "hubs/counsellor", c))]);
        var loginsAt = clock.Elapsed.TotalSeconds;
        path.ListenForEntries();
        await HubClients.StartAllAsync(path._counsellors);
        await Parallel.ForEachAsync(path._counsellors, async (c, token) => await c.InvokeAsync<System.Text.Json.JsonElement>("GetOverview", token));
        await HubClients.StartAllAsync(path._seekers);
        var connectedAt = clock.Elapsed.TotalSeconds;

        // In rounds: one seeker starts in each counsellor's chat, then each counsellor takes the one
        // who waited longest there. The queues stay short, as they would with counsellors free.
        var counsellors = path._counsellors.Length;
        var started = new Dictionary<Guid, int>();
        for (var first = 0; first < count; first += counsellors)
        {
            var round = Enumerable.Range(0, Math.Min(counsellors, count - first)).ToList();
            var replies = await Task.WhenAll(round.Select(c =>
                path._seekers[first + c].InvokeAsync<StartedChatReply>("StartChat", counsellorChat[c], "fi")));
            foreach (var c in round)
            {
                started[replies[c].ConversationId] = first + c;
            }

            var takes = await Task.WhenAll(round.Select(async c =>
                (Counsellor: c, Reply: await path._counsellors[c].InvokeAsync<JoinedChatReply>("Take", counsellorChat[c], (Guid?)null))));
            foreach (var (counsellor, reply) in takes)
            {
                var pair = started[reply.Conversation.Id];
                path._conversations[pair] = reply.Conversation.Id;
                path._counsellorOf[pair] = counsellor;
                lock (path._pairOf)
                {
                    path._pairOf[reply.Conversation.Id] = pair;
                }
            }
        }

        path.OpenSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"  opened {count} conversations in {path.OpenSeconds:F1} s: {names.Count} counsellor accounts {accountsAt:F1} s, " +
            $"logins {loginsAt - accountsAt:F1} s, connections {connectedAt - loginsAt:F1} s, starts and takes {path.OpenSeconds - connectedAt:F1} s");
        return path;
    }

    public async Task<long> SendAsync(int pair, Side from, string clientMessageId, string text)
    {
        var reply = from == Side.Seeker
            ? await _seekers[pair].InvokeAsync<SendReply>("Send", clientMessageId, text)
            : await _counsellors[_counsellorOf[pair]].InvokeAsync<SendReply>("Send", _conversations[pair], clientMessageId, text);
        return reply.Sequence;
    }

    /// <summary>
    /// Reads every conversation back (ReadAfter from the seeker's side) and checks that each
    /// acknowledged message of <paramref name="ledger"/> is stored once, under the sequence number
    /// it was acknowledged with, and that the sequence numbers have no gaps.
    /// </summary>
    public async Task<StorageCheck> CheckStoredAsync(DeliveryLedger ledger)
    {
        var stored = new Dictionary<string, long>[Pairs];
        var gaps = 0;
        var repeated = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Pairs), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (pair, token) =>
        {
            var byId = new Dictionary<string, long>();
            var held = 0L;
            while (true)
            {
                var page = await _seekers[pair].InvokeAsync<List<EntryReply>>("ReadAfter", held, token);
                foreach (var entry in page)
                {
                    if (entry.Sequence != held + 1)
                    {
                        Interlocked.Increment(ref gaps);
                    }

                    held = entry.Sequence;
                    if (entry.Kind == "message" && !byId.TryAdd(entry.Author + "/" + entry.ClientMessageId, entry.Sequence))
                    {
                        Interlocked.Increment(ref repeated);
                    }
                }

                if (page.Count < 500)
                {
                    break;
                }
            }

            stored[pair] = byId;
        });

        var missing = 0;
        var misnumbered = 0;
        for (var i = 0; i < ledger.Total; i++)
        {
            if (ledger.SequenceOf(i) is var sequence && sequence == 0)
            {
                continue;
            }

            var (pair, from) = ledger.Route(i);
            var key = (from == Side.Seeker ? "seeker/" : "counsellor/") + DeliveryLedger.ClientMessageId(i);
            if (!stored[pair].TryGetValue(key, out var storedSequence))
            {
                missing++;
            }
            else if (storedSequence != sequence)
            {
                misnumbered++;
            }
        }

        return new StorageCheck(missing, repeated, misnumbered, gaps);
    }

    private void ListenForEntries()
    {
        for (var i = 0; i < _seekers.Length; i++)
        {
            var pair = i;
            _seekers[i].On<Guid, EntryReply>("entry", (_, entry) =>
            {
                if (entry.Kind == "message" && entry.Author == "counsellor")
                {
                    Ledger?.Received(pair, Side.Seeker, entry.Sequence, entry.ClientMessageId);
                }
            });
            IgnoreOtherEvents(_seekers[i]);
        }

        foreach (var counsellor in _counsellors)
        {
            counsellor.On<Guid, EntryReply>("entry", (conversationId, entry) =>
            {
                if (entry.Kind != "message" || entry.Author != "seeker")
                {
                    return;
                }

                int pair;
                lock (_pairOf)
                {
                    if (!_pairOf.TryGetValue(conversationId, out pair))
                    {
                        return;
                    }
                }

                Ledger?.Received(pair, Side.Counsellor, entry.Sequence, entry.ClientMessageId);
            });
            IgnoreOtherEvents(counsellor);
        }
    }

    // Handlers that do nothing, so that the client does not log each event as unknown.
    private static void IgnoreOtherEvents(HubConnection connection)
    {
        foreach (var (name, arguments) in new[] { ("conversation", 1), ("queue", 1), ("counsellorStatus", 1), ("typing", 2), ("seekerAddress", 2) })
        {
            HubClients.OnAny(connection, name, arguments);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await HubClients.StopAllAsync(_seekers);
        await HubClients.StopAllAsync(_counsellors);
    }
}
