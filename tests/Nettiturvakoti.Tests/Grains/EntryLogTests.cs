using Nettiturvakoti.Conversations;

namespace Nettiturvakoti.Tests.Grains;

/// <summary>
/// The conversation grain's in-memory entries: what goes in comes out the same, across block
/// boundaries, for texts of every allowed size, and a client message id finds its own entry even
/// when another id has the same hash.
/// </summary>
public sealed class EntryLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Entries_ComeBackAsTheyWentIn_AcrossBlocks()
    {
        var log = new EntryLog();
        var added = new List<ChatEntry>();
        var random = new Random(7);
        for (var i = 1; i <= 3000; i++)
        {
            var length = i % 97 == 0 ? ChatLimits.MaxMessageLength : random.Next(0, 300);
            var entry = new ChatEntry(
                i,
                i % 10 == 0 ? EntryKind.IdleWarning : EntryKind.Message,
                i % 2 == 0 ? Party.Counsellor : Party.Seeker,
                i % 10 == 0 ? "" : $"client-{i}",
                new string((char)('a' + i % 26), length) + "ä€",
                Start.AddMilliseconds(i * 37));
            log.Add(entry);
            added.Add(entry);
        }

        Assert.Equal(added.Count, log.Count);
        Assert.Equal(added, Enumerable.Range(0, log.Count).Select(i => log[i]));
        Assert.Equal(added.Skip(1200).Take(500), log.Range(1200, 500));
        Assert.Equal(EntryKind.IdleWarning, log.KindAt(9));
        Assert.Equal(Start.AddMilliseconds(3000 * 37), log.AtOf(2999));
        Assert.Throws<ArgumentOutOfRangeException>(() => log[3000]);
        Assert.Throws<ArgumentOutOfRangeException>(() => log.Range(2990, 11));
    }

    [Fact]
    public void ClientIds_FoundPerSide_EvenWhenHashesCollide()
    {
        // Every id has the same hash: each lookup after the first has to check the row's own id.
        var log = new EntryLog((_, _) => 42);
        log.Add(Entry(1, Party.Seeker, "a"));
        log.Add(Entry(2, Party.Counsellor, "a"));
        log.Add(Entry(3, Party.Seeker, "b"));
        log.Add(Entry(4, Party.Seeker, ""));

        Assert.True(log.TryFind(Party.Seeker, "a", out var seekerA));
        Assert.True(log.TryFind(Party.Counsellor, "a", out var counsellorA));
        Assert.True(log.TryFind(Party.Seeker, "b", out var seekerB));
        Assert.Equal(1, seekerA.Sequence);
        Assert.Equal(2, counsellorA.Sequence);
        Assert.Equal(3, seekerB.Sequence);
        Assert.False(log.TryFind(Party.Counsellor, "b", out _));
        Assert.False(log.TryFind(Party.Seeker, "", out _));
        Assert.False(log.TryFind(Party.Seeker, "c", out _));
    }

    [Fact]
    public void AnEntryOutOfSequence_IsRefusedAndTheLogKept()
    {
        var log = new EntryLog();
        log.Add(Entry(1, Party.Seeker, "a"));

        var gap = Assert.Throws<InvalidOperationException>(() => log.Add(Entry(3, Party.Seeker, "c")));
        Assert.Throws<InvalidOperationException>(() => log.Add(Entry(1, Party.Seeker, "again")));

        Assert.Contains("no gaps", gap.Message);
        Assert.Equal(1, log.Count);
        Assert.False(log.TryFind(Party.Seeker, "c", out _));
        Assert.Equal("text of a", log[0].Text);
    }

    [Fact]
    public void Clear_LeavesNothingToFind()
    {
        var log = new EntryLog();
        log.Add(Entry(1, Party.Seeker, "a"));
        log.Clear();
        log.Add(Entry(1, Party.Seeker, "b"));

        Assert.Equal(1, log.Count);
        Assert.False(log.TryFind(Party.Seeker, "a", out _));
        Assert.True(log.TryFind(Party.Seeker, "b", out var b));
        Assert.Equal("text of b", b.Text);
    }

    [Fact]
    public void Clear_OverwritesTheText()
    {
        var log = new EntryLog();
        for (var i = 1; i <= 200; i++)
        {
            log.Add(Entry(i, Party.Seeker, $"id-{i}"));
        }

        var blocks = log.Blocks.ToList();
        log.Clear();

        Assert.True(blocks.Count > 1);
        Assert.All(blocks, block => Assert.All(block, c => Assert.Equal('\0', c)));
        Assert.Empty(log.Blocks);
    }

    private static ChatEntry Entry(long sequence, Party author, string clientId) =>
        new(sequence, EntryKind.Message, author, clientId, $"text of {clientId}", Start.AddSeconds(sequence));
}
