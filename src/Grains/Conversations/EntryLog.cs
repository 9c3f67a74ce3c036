namespace Nettiturvakoti.Conversations;

/// <summary>
/// A conversation's entries as its grain keeps them in memory, in arrays that hold no references:
/// fixed-size rows and blocks of characters. A message's own objects then die young. Kept as
/// objects, every stored message would be one more young object hanging off an old one, which
/// each young collection of a busy web front has to find and copy while all its threads wait.
/// Entry <c>i</c> has sequence number <c>i + 1</c>: a conversation's numbers have no gaps.
/// </summary>
internal sealed class EntryLog
{
    // Blocks start small, as most conversations are short and a waiting room holds thousands of
    // them, and double up to this size; a longer text gets a block of its own.
    private const int FirstBlockChars = 256;
    private const int MaxBlockChars = 8192;
    private const int FirstRows = 8;

    private readonly Func<Party, string, long> _keyOf;
    private readonly List<char[]> _blocks = [];
    // Client message id to row, by a hash of author and id. A hash two ids share is kept for the
    // first; a lookup checks the row's own id and searches the rows when it is someone else's.
    private readonly Dictionary<long, int> _byClientId = [];
    private Row[] _rows = [];
    private int _blockUsed;

    public EntryLog()
        : this(KeyOf)
    {
    }

    /// <summary>With the client id's hash given, so that tests can make two ids share one.</summary>
    internal EntryLog(Func<Party, string, long> keyOf) => _keyOf = keyOf;

    public int Count { get; private set; }

    /// <summary>The blocks the characters are in, for tests.</summary>
    internal IReadOnlyList<char[]> Blocks => _blocks;

    public EntryKind KindAt(int index) => RowAt(index).Kind;

    public DateTimeOffset AtOf(int index) => RowAt(index).At;

    public void Add(ChatEntry entry)
    {
        if (entry.Sequence != Count + 1)
        {
            throw new InvalidOperationException(
                $"Entry {entry.Sequence} cannot follow entry {Count}: a conversation's entries have no gaps.");
        }

        if (Count == _rows.Length)
        {
            Array.Resize(ref _rows, Math.Max(FirstRows, _rows.Length * 2));
        }

        var (block, start) = Reserve(entry.ClientMessageId.Length + entry.Text.Length);
        var chars = _blocks[block];
        entry.ClientMessageId.CopyTo(chars.AsSpan(start));
        entry.Text.CopyTo(chars.AsSpan(start + entry.ClientMessageId.Length));
        _rows[Count] = new Row(
            entry.At, block, start, entry.ClientMessageId.Length, entry.Text.Length, entry.Kind, entry.Author);
        if (entry.ClientMessageId.Length > 0)
        {
            _byClientId.TryAdd(_keyOf(entry.Author, entry.ClientMessageId), Count);
        }

        Count++;
    }

    public ChatEntry this[int index]
    {
        get
        {
            var row = RowAt(index);
            var chars = _blocks[row.Block];
            return new ChatEntry(
                index + 1,
                row.Kind,
                row.Author,
                new string(chars, row.Start, row.IdLength),
                new string(chars, row.Start + row.IdLength, row.TextLength),
                row.At);
        }
    }

    public List<ChatEntry> Range(int from, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from + count, Count, nameof(count));
        var entries = new List<ChatEntry>(count);
        for (var i = from; i < from + count; i++)
        {
            entries.Add(this[i]);
        }

        return entries;
    }

    /// <summary>The entry the given side sent under this client message id, if any.</summary>
    public bool TryFind(Party author, string clientMessageId, out ChatEntry entry)
    {
        var index = clientMessageId.Length > 0
            && _byClientId.TryGetValue(_keyOf(author, clientMessageId), out var hit) ? hit : -1;
        if (index >= 0 && !IsFrom(index, author, clientMessageId))
        {
            // Another id with the same hash: look through the rows.
            index = Enumerable.Range(0, Count).FirstOrDefault(i => IsFrom(i, author, clientMessageId), -1);
        }

        entry = index >= 0 ? this[index] : null!;
        return index >= 0;
    }

    /// <summary>
    /// Forgets every entry. The text is overwritten first, so that a deleted conversation's words
    /// do not linger in the process's memory until the collector gets round to the blocks.
    /// </summary>
    public void Clear()
    {
        foreach (var block in _blocks)
        {
            Array.Clear(block);
        }

        _rows = [];
        _blocks.Clear();
        _byClientId.Clear();
        _blockUsed = 0;
        Count = 0;
    }

    private static long KeyOf(Party author, string clientMessageId) =>
        ((long)author << 40)
        | ((long)clientMessageId.Length << 32)
        | (uint)clientMessageId.GetHashCode(StringComparison.Ordinal);

    private bool IsFrom(int index, Party author, string clientMessageId)
    {
        var row = _rows[index];
        return row.Author == author
            && _blocks[row.Block].AsSpan(row.Start, row.IdLength).SequenceEqual(clientMessageId);
    }

    private ref readonly Row RowAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return ref _rows[index];
    }

    // Room for this many characters: at the end of the last block, or in a new one.
    private (int Block, int Start) Reserve(int length)
    {
        if (_blocks.Count > 0 && _blocks[^1].Length - _blockUsed >= length)
        {
            _blockUsed += length;
            return (_blocks.Count - 1, _blockUsed - length);
        }

        var size = _blocks.Count == 0 ? FirstBlockChars : Math.Min(MaxBlockChars, _blocks[^1].Length * 2);
        _blocks.Add(new char[Math.Max(size, length)]);
        _blockUsed = length;
        return (_blocks.Count - 1, 0);
    }

    private readonly record struct Row(
        DateTimeOffset At, int Block, int Start, int IdLength, int TextLength, EntryKind Kind, Party Author);
}
