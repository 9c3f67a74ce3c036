using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Infrastructure;

namespace Nettiturvakoti.Tests.Grains;

/// <summary>
/// On SQLite a commit only appends to the write-ahead log; the log is copied into the database
/// file by the background checkpointer, never inside a message's commit, and is started over
/// from its beginning even while writes never pause.
/// </summary>
public sealed class SqliteCheckpointTests : IAsyncLifetime
{
    private const int Entries = 3000;

    private StorageOptions _options = null!;

    public async Task InitializeAsync() => _options = await TestDatabases.CreateAsync(StorageProvider.Sqlite);

    public Task DisposeAsync() => TestDatabases.DropAsync(_options);

    [Fact]
    public async Task Commits_OnlyAppendToTheLog_AndTheCheckpointerCopiesItIntoTheDatabaseFile()
    {
        var time = new FakeTimeProvider(GrainClusterFixture.Start);
        await using var database = new ChatDatabase(Options.Create(_options));
        await using var writer = new WriteBatcher(database, NullLogger<WriteBatcher>.Instance);
        var transcripts = new TranscriptStore(database, writer);
        using var checkpointer = new SqliteCheckpointer(database, writer, time, NullLogger<SqliteCheckpointer>.Instance);
        await checkpointer.CheckpointAsync();
        var file = new FileInfo(_options.SqliteFile);
        var before = file.Length;

        // About 6 MB: well past the thousand pages at which SQLite would copy the log over in a commit.
        var conversation = Guid.NewGuid();
        var text = new string('x', 2000);
        await Task.WhenAll(Enumerable.Range(1, Entries).Select(sequence => transcripts.AppendAsync(
            conversation, new ChatEntry(sequence, EntryKind.Message, Party.Seeker, $"m{sequence}", text, GrainClusterFixture.Start))));

        file.Refresh();
        Assert.Equal(before, file.Length);
        Assert.True(new FileInfo(_options.SqliteFile + "-wal").Length > 4_000_000, "the commits should have gone to the log");

        await checkpointer.StartAsync(CancellationToken.None);
        await Wait.UntilAsync(
            () =>
            {
                time.Advance(SqliteCheckpointer.Interval);
                file.Refresh();
                return file.Length > before + 4_000_000;
            },
            "the checkpointer to copy the log into the database file");
        await checkpointer.StopAsync(CancellationToken.None);

        var stored = await transcripts.ReadAllAsync(conversation);
        Assert.Equal(Enumerable.Range(1, Entries).Select(i => (long)i), stored.Select(entry => entry.Sequence));
    }

    [Fact]
    public async Task WritesThatNeverPause_TheLogIsStartedOverInsteadOfGrowing()
    {
        const int Rounds = 10;
        var time = new FakeTimeProvider(GrainClusterFixture.Start);
        await using var database = new ChatDatabase(Options.Create(_options));
        await using var writer = new WriteBatcher(database, NullLogger<WriteBatcher>.Instance);
        var transcripts = new TranscriptStore(database, writer);
        using var checkpointer = new SqliteCheckpointer(database, writer, time, NullLogger<SqliteCheckpointer>.Instance);
        var conversation = Guid.NewGuid();
        var text = new string('x', 2000);
        var stored = 0;

        async Task WriteAsync(int entries)
        {
            for (var written = 0; written < entries; written += 50)
            {
                var first = stored + 1;
                stored += 50;
                await Task.WhenAll(Enumerable.Range(first, 50).Select(sequence => transcripts.AppendAsync(
                    conversation, new ChatEntry(sequence, EntryKind.Message, Party.Seeker, $"m{sequence}", text, GrainClusterFixture.Start))));
            }
        }

        // Each round's checkpoint runs while writes go on, as under steady load, so that its
        // passive pass always leaves the newest pages behind.
        long firstRound = 0;
        for (var round = 0; round < Rounds; round++)
        {
            await WriteAsync(1500);
            var checkpoint = Task.Run(() => checkpointer.CheckpointAsync());
            await WriteAsync(1500);
            await checkpoint;
            if (round == 0)
            {
                firstRound = new FileInfo(_options.SqliteFile + "-wal").Length;
            }
        }

        var log = new FileInfo(_options.SqliteFile + "-wal").Length;
        Assert.True(firstRound > 4_000_000, $"a round should write megabytes to the log, not {firstRound} bytes");
        Assert.True(
            log < 3 * firstRound,
            $"the log should have been started over: it holds {log} bytes after {Rounds} rounds of {firstRound}");
        var read = await transcripts.ReadAllAsync(conversation);
        Assert.Equal(Enumerable.Range(1, stored).Select(i => (long)i), read.Select(entry => entry.Sequence));
    }
}
