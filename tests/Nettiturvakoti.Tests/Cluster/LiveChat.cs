using System.Collections.Concurrent;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Tests.Infrastructure;

namespace Nettiturvakoti.Tests.Cluster;

/// <summary>
/// A seeker and a counsellor, usually on different web fronts, writing to each other in turns for
/// as long as a test lets them; and the checks that nothing whose send completed was lost or stored
/// twice, and that both sides end up holding the whole conversation. The parties are disposed
/// with the cluster.
/// </summary>
public sealed class LiveChat(ChatParty seeker, ChatParty counsellor)
{
    /// <summary>How long one send may take, retries included, before the test fails.</summary>
    public static readonly TimeSpan SendWithin = TimeSpan.FromSeconds(45);

    private readonly ConcurrentQueue<SentMessage> _sent = new();

    public ChatParty Seeker { get; } = seeker;

    public ChatParty Counsellor { get; } = counsellor;

    public Guid Id => Seeker.ConversationId;

    /// <summary>Every send that completed, in the order they completed.</summary>
    public IReadOnlyList<SentMessage> Sent => [.. _sent];

    /// <summary>
    /// A seeker on web front <paramref name="seekerFront"/> starts a chat in <paramref name="queueId"/>,
    /// and a counsellor (logged in with <paramref name="cookies"/>) on <paramref name="counsellorFront"/> takes it.
    /// </summary>
    public static async Task<LiveChat> StartAsync(
        TestCluster cluster, string name, string queueId, int seekerFront, int counsellorFront, System.Net.CookieContainer cookies)
    {
        var seeker = cluster.Track(
            await ChatParty.ConnectAsync($"{name}-seeker", Party.Seeker, cluster.FrontDoor, seekerFront, cluster.Clock));
        var counsellor = cluster.Track(await ChatParty.ConnectAsync(
            $"{name}-counsellor", Party.Counsellor, cluster.FrontDoor, counsellorFront, cluster.Clock, cookies));
        var started = await seeker.StartChatAsync(queueId);
        await counsellor.TakeAsync(queueId, started.ConversationId);
        await seeker.WaitToHoldAsync(1);
        return new LiveChat(seeker, counsellor);
    }

    /// <summary>
    /// Two chats in a new chat (queue), each with its seeker on one web front and its counsellor,
    /// logged in there, on the other; and three seekers waiting in a second chat.
    /// </summary>
    public static async Task<(List<LiveChat> Chats, WaitingRoom Room)> StartTwoAcrossWebFrontsAsync(TestCluster cluster)
    {
        var queueId = await cluster.CreateChatAsync();
        var room = await WaitingRoom.FillAsync(cluster, await cluster.CreateChatAsync(), count: 3);
        var (_, onWeb1) = await cluster.LogInCounsellorAsync(queueId, webFrontSlot: 0);
        var (_, onWeb2) = await cluster.LogInCounsellorAsync(queueId, webFrontSlot: 1);
        List<LiveChat> chats =
        [
            await StartAsync(cluster, "chat1", queueId, seekerFront: 0, counsellorFront: 1, onWeb2),
            await StartAsync(cluster, "chat2", queueId, seekerFront: 1, counsellorFront: 0, onWeb1),
        ];
        return (chats, room);
    }

    /// <summary>Sends one message from each side in turn, pausing between them, until <paramref name="stop"/>.</summary>
    public async Task DriveAsync(TimeSpan pause, CancellationToken stop)
    {
        for (var turn = 1; !stop.IsCancellationRequested; turn++)
        {
            var party = turn % 2 == 1 ? Seeker : Counsellor;
            _sent.Enqueue(await party.SendAsync($"{party.Name} says {turn}", SendWithin));
            try
            {
                // The pace of two people typing, sped up; not a wait for anything.
                await Task.Delay(pause, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends one message from <paramref name="party"/> and remembers it.</summary>
    public async Task<SentMessage> SendAsync(ChatParty party, string text)
    {
        var sent = await party.SendAsync(text, SendWithin);
        _sent.Enqueue(sent);
        return sent;
    }

    /// <summary>How many sends completed after <paramref name="moment"/>.</summary>
    public int SentAfter(TimeSpan moment) => _sent.Count(s => s.CompletedAt > moment);

    /// <summary>How long after <paramref name="moment"/> the first send completed; null if none has.</summary>
    public TimeSpan? FirstSendAfter(TimeSpan moment)
    {
        var after = _sent.Where(s => s.CompletedAt > moment).ToList();
        return after.Count == 0 ? null : after.Min(s => s.CompletedAt) - moment;
    }

    /// <summary>
    /// The longest the chat went without a completed send from <paramref name="moment"/> on: what
    /// its two people saw of a failure then. (A send completing just after it may have been stored
    /// just before, so the first completion alone says little.)
    /// </summary>
    public TimeSpan LongestPauseAfter(TimeSpan moment)
    {
        var times = _sent.Select(s => s.CompletedAt).Where(t => t > moment).Order().Prepend(moment).ToList();
        return times.Zip(times.Skip(1), (earlier, later) => later - earlier).DefaultIfEmpty().Max();
    }

    /// <summary>
    /// The conversation as stored is exactly what the completed sends say: entries numbered 1..N
    /// with no gap, every completed send stored once at the number it was given, nothing stored
    /// twice or unaccounted for; and both sides come to hold all of it, in order.
    /// </summary>
    public async Task VerifyAsync(TestCluster cluster)
    {
        var transcript = await ReadTranscriptAsync(cluster.Client, Id);
        Assert.Equal(Enumerable.Range(1, transcript.Count).Select(i => (long)i), transcript.Select(e => e.Sequence));

        var messages = transcript.Where(e => e.Kind == EntryKind.Message).ToList();
        var stored = messages.GroupBy(m => (m.Author, m.ClientMessageId)).ToList();
        Assert.All(stored, group => Assert.True(group.Count() == 1, $"{group.Key} is stored {group.Count()} times."));
        foreach (var sent in Sent)
        {
            var entry = messages.SingleOrDefault(m => m.Author == sent.Side && m.ClientMessageId == sent.ClientMessageId);
            Assert.True(entry is not null, $"The completed send {sent.ClientMessageId} of the {sent.Side} is not stored.");
            Assert.Equal(sent.Sequence, entry!.Sequence);
        }

        Assert.Equal(Sent.Count, messages.Count);
        var rows = await Db.ScalarAsync(cluster.Storage, "SELECT COUNT(*) FROM chat_entry WHERE conversation_id = @id", ("@id", Id));
        var numbers = await Db.ScalarAsync(
            cluster.Storage, "SELECT COUNT(DISTINCT seq) FROM chat_entry WHERE conversation_id = @id", ("@id", Id));
        Assert.Equal(transcript.Count, rows);
        Assert.Equal(transcript.Count, numbers);

        foreach (var party in new[] { Seeker, Counsellor })
        {
            await party.WaitToHoldAsync(transcript.Count);
            Assert.Equal(
                transcript.Select(e => (e.Sequence, e.Author, e.ClientMessageId)),
                party.Entries.Select(e => (e.Sequence, e.Author, e.ClientMessageId)));
        }
    }

    /// <summary>The whole conversation as its grain holds it.</summary>
    public static async Task<List<ChatEntry>> ReadTranscriptAsync(IGrainFactory grains, Guid conversationId)
    {
        var conversation = grains.GetGrain<IConversationGrain>(conversationId);
        var entries = new List<ChatEntry>();
        while (true)
        {
            var page = await conversation.ReadAfterAsync(Participant.Seeker, entries.Count);
            entries.AddRange(page);
            if (page.Count < ChatLimits.MaxEntriesPerRead)
            {
                return entries;
            }
        }
    }
}
