using Microsoft.Extensions.DependencyInjection;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Infrastructure;
using Orleans.Runtime;
using Orleans.Storage;

namespace Nettiturvakoti.Tests.Grains;

/// <summary>
/// The project's own SQL for Orleans' ADO.NET providers, held to what the providers expect:
/// optimistic concurrency on grain state, delete on clear, and every reminder query.
/// </summary>
public abstract class StorageContractTests(GrainClusterFixture fixture)
{
    private IGrainStorage Storage => fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Chat);

    [Fact]
    public async Task GrainState_TwoFirstWrites_OnlyOneWins()
    {
        var grain = GrainId.Create("test", Guid.NewGuid().ToString("N"));
        var first = new GrainState<ConversationState> { State = new ConversationState { QueueId = "fi" } };
        var second = new GrainState<ConversationState> { State = new ConversationState { QueueId = "sv" } };

        await Storage.WriteStateAsync("race", grain, first);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("race", grain, second));

        var read = new GrainState<ConversationState>();
        await Storage.ReadStateAsync("race", grain, read);
        Assert.Equal("fi", read.State!.QueueId);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task GrainState_StaleETag_Refused()
    {
        var grain = GrainId.Create("test", Guid.NewGuid().ToString("N"));
        var state = new GrainState<ConversationState> { State = new ConversationState { QueueId = "fi" } };
        await Storage.WriteStateAsync("stale", grain, state);
        var staleETag = state.ETag;
        await Storage.WriteStateAsync("stale", grain, state);

        var stale = new GrainState<ConversationState> { State = new ConversationState(), ETag = staleETag, RecordExists = true };

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("stale", grain, stale));
    }

    [Fact]
    public async Task GrainState_Cleared_RowIsGone()
    {
        var key = "cleared-" + Guid.NewGuid().ToString("N");
        var grain = GrainId.Create("test", key);
        var state = new GrainState<ConversationState> { State = new ConversationState { QueueId = "fi" } };
        await Storage.WriteStateAsync("cleared", grain, state);
        Assert.Equal(1, await CountStateRowsAsync(key));

        await Storage.ClearStateAsync("cleared", grain, state);

        Assert.Equal(0, await CountStateRowsAsync(key));
        await Storage.WriteStateAsync("cleared", grain, state);
        Assert.Equal(1, await CountStateRowsAsync(key));
    }

    [Fact]
    public async Task Reminders_UpsertReadRangeAndDelete()
    {
        var table = fixture.SiloServices.GetRequiredService<IReminderTable>();
        var grain = GrainId.Create("test", Guid.NewGuid().ToString("N"));
        var start = new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc);
        var entry = new ReminderEntry { GrainId = grain, ReminderName = "purge", StartAt = start, Period = TimeSpan.FromDays(1) };

        var firstETag = await table.UpsertRow(entry);
        entry.Period = TimeSpan.FromDays(30);
        var secondETag = await table.UpsertRow(entry);
        var row = await table.ReadRow(grain, "purge");
        var byGrain = await table.ReadRows(grain);
        var wholeRing = await table.ReadRows(0u, 0u);
        var hash = grain.GetUniformHashCode();
        var aroundIt = await table.ReadRows(hash - 1, hash);
        var besideIt = await table.ReadRows(hash, hash + 1);

        Assert.NotEqual(firstETag, secondETag);
        Assert.Equal(start, row!.StartAt);
        Assert.Equal(TimeSpan.FromDays(30), row.Period);
        Assert.Equal(secondETag, row.ETag);
        Assert.Single(byGrain.Reminders);
        Assert.Contains(wholeRing.Reminders, r => r.GrainId == grain);
        Assert.Contains(aroundIt.Reminders, r => r.GrainId == grain);
        Assert.DoesNotContain(besideIt.Reminders, r => r.GrainId == grain);
        Assert.False(await table.RemoveRow(grain, "purge", firstETag!));
        Assert.True(await table.RemoveRow(grain, "purge", secondETag!));
        Assert.Null(await table.ReadRow(grain, "purge"));
    }

    [Fact]
    public async Task Transcript_SequenceNumberTakenByAnotherActivation_SecondWriteRefusedFirstKept()
    {
        var transcripts = fixture.SiloServices.GetRequiredService<TranscriptStore>();
        var conversation = Guid.NewGuid();
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_796_000_000_000);
        var first = new ChatEntry(1, EntryKind.Message, Party.Seeker, "a1", "first", at);
        var stale = new ChatEntry(1, EntryKind.Message, Party.Seeker, "a2", "stale", at);
        var next = new ChatEntry(2, EntryKind.Message, Party.Seeker, "a2", "next", at);

        Assert.True(await transcripts.AppendAsync(conversation, first));
        Assert.False(await transcripts.AppendAsync(conversation, stale));
        Assert.True(await transcripts.AppendAsync(conversation, next));

        var stored = await transcripts.ReadAllAsync(conversation);
        Assert.Equal(["first", "next"], stored.Select(e => e.Text));
    }

    private Task<long> CountStateRowsAsync(string key) =>
        Db.ScalarAsync(fixture.Storage, "SELECT COUNT(*) FROM grain_state WHERE grain_key_text = @key", ("@key", key));
}

[Collection(SqliteCluster.Name)]
public sealed class StorageContractTestsOnSqlite(SqliteClusterFixture fixture) : StorageContractTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class StorageContractTestsOnPostgres(PostgresClusterFixture fixture) : StorageContractTests(fixture);
