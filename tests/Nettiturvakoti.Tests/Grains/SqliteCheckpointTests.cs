using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Infrastructure;

namespace Nettiturvakoti.Tests.Grains;

/// <summary>
/// On SQLite a commit only appends to the write-ahead log; the log is copied into the database
/// file by the background checkpointer, never inside a message's commit.
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
        using var checkpointer = new SqliteCheckpointer(database, time, NullLogger<SqliteCheckpointer>.Instance);
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
}
