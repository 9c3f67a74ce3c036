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

    private static async Task AssertStoredAsync(Task<bool> append) => Assert.True(await append, "the entry should have been inserted");

    private static ChatEntry Entry(Guid conversation, int sequence) => new(
        sequence,
        sequence % 3 == 0 ? EntryKind.Message : EntryKind.CounsellorJoined,
        sequence % 2 == 0 ? Party.Seeker : Party.Counsellor,
        $"{conversation:N}-{sequence}",
        $"text {sequence} of {conversation:N}",
        At.AddMilliseconds(sequence));
}
