using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Infrastructure;

namespace Nettiturvakoti.Tests.Grains;

/// <summary>
/// The group commit on both databases: writes of different statements that share batches are each
/// stored with their own values, and a write that fails takes none of the others with it.
/// </summary>
public sealed class WriteBatcherTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task WritesOfDifferentStatementsInSharedBatches_EachStoredWithItsOwnValues(StorageProvider provider)
    {
        var options = await TestDatabases.CreateAsync(provider);
        try
        {
            await using var database = new ChatDatabase(Options.Create(options));
            await using var writer = new WriteBatcher(database, NullLogger<WriteBatcher>.Instance);
            var transcripts = new TranscriptStore(database, writer);
            var waiting = new WaitingListStore(database, writer);
            Guid[] conversations = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

            // Three rounds, each all at once, so that batches mix the statements in changing numbers.
            for (var round = 0; round < 3; round++)
            {
                var writes = new List<Task>();
                for (var i = 1; i <= 40; i++)
                {
                    var sequence = (round * 40) + i;
                    foreach (var conversation in conversations)
                    {
                        writes.Add(AssertStoredAsync(transcripts.AppendAsync(conversation, Entry(conversation, sequence))));
                    }

                    writes.Add(waiting.AddAsync("q" + round, new WaitingSeeker(Guid.NewGuid(), sequence, At.AddSeconds(sequence))));
                }

                await Task.WhenAll(writes);
            }

            foreach (var conversation in conversations)
            {
                var stored = await transcripts.ReadAllAsync(conversation);
                Assert.Equal(Enumerable.Range(1, 120).Select(sequence => Entry(conversation, sequence)), stored);
            }

            for (var round = 0; round < 3; round++)
            {
                var queue = await waiting.ReadAsync("q" + round);
                Assert.Equal(Enumerable.Range((round * 40) + 1, 40).Select(i => (long)i), queue.Select(seeker => seeker.Ticket));
                Assert.All(queue, seeker => Assert.Equal(At.AddSeconds(seeker.Ticket), seeker.Since));
            }
        }
        finally
        {
            await TestDatabases.DropAsync(options);
        }
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task AWriteThatFails_FailsAlone_TheWritesBatchedWithItAreStoredOnce(StorageProvider provider)
    {
        var options = await TestDatabases.CreateAsync(provider);
        try
        {
            await using var database = new ChatDatabase(Options.Create(options));
            await using var writer = new WriteBatcher(database, NullLogger<WriteBatcher>.Instance);
            var transcripts = new TranscriptStore(database, writer);
            var conversation = Guid.NewGuid();

            var before = Enumerable.Range(1, 30).Select(i => transcripts.AppendAsync(conversation, Entry(conversation, i))).ToList();
            // No sequence number: the table refuses the row.
            var bad = writer.ExecuteAsync(
                "INSERT INTO chat_entry (conversation_id) VALUES (@conversation)", new SqlArg("@conversation", conversation));
            var after = Enumerable.Range(31, 30).Select(i => transcripts.AppendAsync(conversation, Entry(conversation, i))).ToList();

            await Assert.ThrowsAnyAsync<Exception>(() => bad);
            // True only for a row this write inserted: a row that had stayed behind from the failed
            // batch would make its retry insert nothing.
            Assert.All(await Task.WhenAll(before.Concat(after)), Assert.True);
            Assert.True(await transcripts.AppendAsync(conversation, Entry(conversation, 61)), "a write after the failure");
            var stored = await transcripts.ReadAllAsync(conversation);
            Assert.Equal(Enumerable.Range(1, 61).Select(sequence => Entry(conversation, sequence)), stored);
        }
        finally
        {
            await TestDatabases.DropAsync(options);
        }
    }

    [Fact]
    public async Task OnSqlite_EachKindOfValue_IsReadBackAsWritten_AndABadValueFailsAloneWithAClearError()
    {
        var options = await TestDatabases.CreateAsync(StorageProvider.Sqlite);
        try
        {
            await using var database = new ChatDatabase(Options.Create(options));
            await using var writer = new WriteBatcher(database, NullLogger<WriteBatcher>.Instance);
            await writer.ExecuteAsync(
                "CREATE TABLE kinds (id BLOB PRIMARY KEY, big INTEGER, small INTEGER, tiny INTEGER, flag INTEGER, " +
                "kind INTEGER, ratio REAL, bytes BLOB, words TEXT, absent TEXT)");
            const string Insert =
                "INSERT INTO kinds VALUES (@id, @big, @small, @tiny, @flag, @kind, @ratio, @bytes, @words, @absent)";
            var id = Guid.NewGuid();
            var good = writer.ExecuteAsync(
                Insert,
                new SqlArg("@id", id),
                new SqlArg("@big", long.MaxValue),
                new SqlArg("@small", (short)-7),
                new SqlArg("@tiny", (byte)200),
                new SqlArg("@flag", true),
                new SqlArg("@kind", Party.Counsellor),
                new SqlArg("@ratio", 0.25),
                new SqlArg("@bytes", new byte[] { 1, 2, 3 }),
                new SqlArg("@words", "ääkköset ja 🙂"),
                new SqlArg("@absent", null));
            // In the same batch: a value of a type the group commit does not store, and a name the
            // statement does not have.
            var badValue = writer.ExecuteAsync("INSERT INTO kinds (id, big) VALUES (@id, @big)",
                new SqlArg("@id", Guid.NewGuid()), new SqlArg("@big", DateTime.UnixEpoch));
            var badName = writer.ExecuteAsync(
                "INSERT INTO kinds (id) VALUES (@id)", new SqlArg("@ide", Guid.NewGuid()));

            Assert.Equal(1, await good);
            var valueError = await Assert.ThrowsAsync<ArgumentException>(() => badValue);
            Assert.Contains("@big is a DateTime", valueError.Message);
            var nameError = await Assert.ThrowsAsync<ArgumentException>(() => badName);
            Assert.Contains("no parameter @ide", nameError.Message);

            // Read by Microsoft.Data.Sqlite, which binds the id the way it binds every id the
            // project's readers look for.
            await using var connection = await database.OpenAsync();
            await using var read = connection.CreateCommand(
                "SELECT big, small, tiny, flag, kind, ratio, bytes, words, absent FROM kinds WHERE id = @id",
                [new SqlArg("@id", id)]);
            await using var row = await read.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync(), "the row should be found by its id");
            Assert.Equal(long.MaxValue, row.GetInt64(0));
            Assert.Equal(-7, row.GetInt64(1));
            Assert.Equal(200, row.GetInt64(2));
            Assert.Equal(1, row.GetInt64(3));
            Assert.Equal((long)Party.Counsellor, row.GetInt64(4));
            Assert.Equal(0.25, row.GetDouble(5));
            Assert.Equal(new byte[] { 1, 2, 3 }, (byte[])row.GetValue(6));
            Assert.Equal("ääkköset ja 🙂", row.GetString(7));
            Assert.True(await row.IsDBNullAsync(8));
            Assert.False(await row.ReadAsync());

            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(*) FROM kinds";
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }
        finally
        {
            await TestDatabases.DropAsync(options);
        }
    }

    [Fact]
    public async Task OnSqlite_TheConnectionsCommitsAreSyncedToDiskAndLogged()
    {
        var options = await TestDatabases.CreateAsync(StorageProvider.Sqlite);
        try
        {
            await using var database = new ChatDatabase(Options.Create(options));
            await using var connection = await database.OpenAsync();
            await using var pragma = connection.CreateCommand();

            // A send completes once its message is durable: every commit must reach the disk.
            // FULL (2) syncs the write-ahead log on each commit; NORMAL (1) would not.
            pragma.CommandText = "PRAGMA synchronous";
            Assert.Equal(2L, await pragma.ExecuteScalarAsync());
            pragma.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", await pragma.ExecuteScalarAsync());
        }
        finally
        {
            await TestDatabases.DropAsync(options);
        }
    }

    [Fact]
    public async Task OnSqlite_AConnectionThatWouldNotWait_StillWaitsForAnotherWriterInsteadOfFailing()
    {
        var options = await TestDatabases.CreateAsync(StorageProvider.Sqlite);
        try
        {
            await using var database = new ChatDatabase(Options.Create(options));
            await using var holder = await database.OpenAsync();
            await using var connection = (Microsoft.Data.Sqlite.SqliteConnection)await database.OpenAsync();
            // As a pooled connection opened before the process-wide wait was installed would be.
            await using (var noWait = connection.CreateCommand())
            {
                noWait.CommandText = "PRAGMA busy_timeout = 0";
                await noWait.ExecuteNonQueryAsync();
            }

            using var statements = new SqliteStatements(connection);
            await using (var wait = connection.CreateCommand())
            {
                wait.CommandText = "PRAGMA busy_timeout";
                Assert.Equal((long)SqliteConnectionDefaults.BusyTimeoutMilliseconds, await wait.ExecuteScalarAsync());
            }

            await using (var hold = holder.CreateCommand())
            {
                hold.CommandText = "BEGIN IMMEDIATE";
                await hold.ExecuteNonQueryAsync();
            }

            var writing = Task.Run(() =>
            {
                statements.Run("BEGIN IMMEDIATE", []);
                statements.Run("CREATE TABLE waited (id INTEGER)", []);
                statements.Run("COMMIT", []);
            });
            await using (var release = holder.CreateCommand())
            {
                release.CommandText = "COMMIT";
                await release.ExecuteNonQueryAsync();
            }

            await writing.WaitAsync(TimeSpan.FromSeconds(5));
            await using var count = holder.CreateCommand();
            count.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'waited'";
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }
        finally
        {
            await TestDatabases.DropAsync(options);
        }
    }

    private static async Task AssertStoredAsync(Task<bool> append) => Assert.True(await append, "the entry should have been inserted");

    private static ChatEntry Entry(Guid conversation, int sequence) => new(
        sequence,
        sequence % 3 == 0 ? EntryKind.Message : EntryKind.CounsellorJoined,
        sequence % 2 == 0 ? Party.Seeker : Party.Counsellor,
        $"{conversation:N}-{sequence}",
        $"text {sequence} of {conversation:N}",
        At.AddMilliseconds(sequence));
}
