using Nettiturvakoti.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Nettiturvakoti.Tests.Cluster;

/// <summary>
/// Web fronts dying and stopping under live chats: their clients move to another web front through
/// the front door, rejoin and catch up, counsellors still logged in (the login cookie is protected
/// with keys every web front shares).
/// </summary>
[Collection(ClusterOfProcesses.Name)]
public sealed class WebFrontFailureTests(ITestOutputHelper output)
{
    [Fact]
    public Task WebFrontKilled_ItsClientsReconnectThroughAnother_AndCatchUp() =>
        TestCluster.RunAsync(output, async cluster =>
        {
            var (chats, room) = await StartChatsAcrossWebFrontsAsync(cluster);

            var killedAt = cluster.Clock.Elapsed;
            await cluster.WebFronts[0]!.KillAsync();
            await MoveAndCatchUpAsync(cluster, chats, room, killedAt, "killed (SIGKILL)");
        });

    [Fact]
    public Task WebFrontStopped_ItsClientsMoveToAnother_AndItExitsCleanly() =>
        TestCluster.RunAsync(output, async cluster =>
        {
            var (chats, room) = await StartChatsAcrossWebFrontsAsync(cluster);

            var stoppedAt = cluster.Clock.Elapsed;
            var web1 = cluster.WebFronts[0]!;
            var stopTime = await web1.StopAsync(TestCluster.StopTimeout);
            Assert.Equal(0, web1.ExitCode);
            cluster.Report($"web1 exited {stopTime.TotalSeconds:0.0} s after SIGTERM");
            await MoveAndCatchUpAsync(cluster, chats, room, stoppedAt, "stopped (SIGTERM)");
        });

    // Two chats, each with its seeker on one web front and its counsellor on the other; the
    // counsellor on web1 logged in through web1. Three seekers wait, two of them on web1.
    private static async Task<(List<LiveChat> Chats, WaitingRoom Room)> StartChatsAcrossWebFrontsAsync(TestCluster cluster)
    {
        var rows = await Db.ScalarAsync(cluster.Storage, "SELECT COUNT(*) FROM data_protection_key");
        Assert.True(rows == 1, $"Two web fronts starting together on a new database made {rows} keys, not one.");

        var (chats, room) = await LiveChat.StartTwoAcrossWebFrontsAsync(cluster);
        foreach (var chat in chats)
        {
            await chat.SendAsync(chat.Seeker, "before");
            await chat.SendAsync(chat.Counsellor, "before, answered");
        }

        return (chats, room);
    }

    // The clients of web1 (chat1's seeker, chat2's counsellor) are written to while they move; they
    // must come back through web2 holding everything, and the chats go on both ways.
    private static async Task MoveAndCatchUpAsync(
        TestCluster cluster, List<LiveChat> chats, WaitingRoom room, TimeSpan leftAt, string how)
    {
        var moving = new[] { chats[0].Seeker, chats[1].Counsellor };
        await chats[0].SendAsync(chats[0].Counsellor, "while you were away");
        await chats[1].SendAsync(chats[1].Seeker, "while you were away");

        var web2 = cluster.FrontDoor.Fronts[1];
        var caughtUp = await Task.WhenAll(moving.Zip(chats).Select(async pair =>
        {
            var last = (await LiveChat.ReadTranscriptAsync(cluster.Client, pair.Second.Id)).Count;
            await pair.First.WaitToHoldAsync(last, TimeSpan.FromSeconds(30));
            return cluster.Clock.Elapsed - leftAt;
        }));
        foreach (var (party, took) in moving.Zip(caughtUp))
        {
            Assert.False(party.ClosedForGood, $"{party.Name} was disconnected for good: {party.History}");
            Assert.Equal(web2, party.ConnectedTo);
            cluster.Report($"  {party.Name}: connection lost after {(party.LastLost - leftAt)?.TotalSeconds:0.00} s, "
                + $"rejoined through web2 after {(party.LastRejoined - leftAt)?.TotalSeconds:0.00} s, "
                + $"held everything after {took.TotalSeconds:0.00} s");
        }

        cluster.Report($"web front {how}: its clients caught up within {caughtUp.Max().TotalSeconds:0.00} s");
        foreach (var (party, chat) in moving.Zip(chats))
        {
            await chat.SendAsync(party, "back again");
        }

        foreach (var chat in chats)
        {
            await chat.VerifyAsync(cluster);
        }

        await room.VerifyPlacesKeptAsync(cluster, TimeSpan.FromSeconds(30));
    }
}
