using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Privacy;
using Nettiturvakoti.Tests.Grains;
using Nettiturvakoti.Tests.Infrastructure;

namespace Nettiturvakoti.Tests.Privacy;

/// <summary>The monthly purge, run by its own reminder, checked in every table of both databases.</summary>
public abstract class PurgeTests(PurgeFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task MonthlyPurge_EveryAddressAndContactLimitGone_IdempotentAndRecorded()
    {
        var (id, counsellor, address) = await ChatAsync();
        await Grains.GetGrain<IConversationGrain>(id).LimitContactAsync(counsellor, ContactLimitPeriod.UntilPurge);
        Assert.Contains("seeker_address.address", await DbSearch.FindAsync(fixture.Storage, address));
        Assert.True((await Grains.GetGrain<IContactLimitGrain>(0).CheckAsync(address)).Limited);
        var purge = Grains.GetGrain<IPrivacyPurgeGrain>(0);
        var before = await purge.GetHistoryAsync();

        for (var minute = 0; minute < 20; minute++)
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await fixture.WaitWhileTimePassesAsync(async () => (await purge.GetHistoryAsync()).Runs.Count == before.Runs.Count + 1,
            "the reminder to run the purge");
        var again = await purge.RunIfDueAsync();
        var history = await purge.GetHistoryAsync();

        Assert.Null(again);
        Assert.Equal(before.NextDueAt, history.Runs[0].DueAt);
        Assert.True(history.Runs[0].AddressesDeleted >= 1);
        Assert.True(history.Runs[0].ContactLimitsDropped >= 1);
        Assert.True(history.NextDueAt > before.NextDueAt);
        Assert.Empty(await DbSearch.FindAsync(fixture.Storage, address));
        Assert.Equal(0, await Db.ScalarAsync(fixture.Storage, "SELECT COUNT(*) FROM seeker_address"));
        Assert.False((await Grains.GetGrain<IContactLimitGrain>(0).CheckAsync(address)).Limited);
    }

    [Fact]
    public async Task Purge_MissedWhileDown_RunsWhenStartedAgain()
    {
        var purge = Grains.GetGrain<IPrivacyPurgeGrain>(0);
        var history = await purge.GetHistoryAsync();

        // The service started on 1 January at 02:50, after the December purge moment it had
        // never run: it ran that one at start.
        Assert.Contains(history.Runs, r => r.DueAt == new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
        Assert.All(history.Runs, r => Assert.True(r.RanAt >= r.DueAt));
    }

    private async Task<(Guid Id, Guid Counsellor, string Address)> ChatAsync()
    {
        var chat = await TestChats.CreateAsync(Grains);
        var id = Guid.NewGuid();
        var address = $"198.18.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";
        await Grains.GetGrain<IConversationGrain>(id).StartAsync(
            new StartConversation(chat, "secret-" + id.ToString("N") + "-0123456789", address, "fi"));
        var account = await TestAccounts.CreateCounsellorAsync(Grains, chat);
        await Grains.GetGrain<ICounsellorGrain>(account.Id).TakeAsync(chat, id);
        return (id, account.Id, address);
    }
}

[CollectionDefinition(Name)]
public sealed class SqlitePurge : ICollectionFixture<SqlitePurgeFixture>
{
    public const string Name = "purge on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresPurge : ICollectionFixture<PostgresPurgeFixture>
{
    public const string Name = "purge on PostgreSQL";
}

[Collection(SqlitePurge.Name)]
public sealed class PurgeTestsOnSqlite(SqlitePurgeFixture fixture) : PurgeTests(fixture);

[Collection(PostgresPurge.Name)]
public sealed class PurgeTestsOnPostgres(PostgresPurgeFixture fixture) : PurgeTests(fixture);
