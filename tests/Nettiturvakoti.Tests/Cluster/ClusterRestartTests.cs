using System.Net;
using Nettiturvakoti.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Nettiturvakoti.Tests.Cluster;

/// <summary>The whole cluster of silos going away and coming back, under web fronts that stay.</summary>
[Collection(ClusterOfProcesses.Name)]
public sealed class ClusterRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(150);

    [Fact]
    public Task EverySiloStoppedAndStartedAgain_QueuesAndChatsInProgressAreBack() =>
        TestCluster.RunAsync(output, async cluster =>
        {
            var (chats, room) = await LiveChat.StartTwoAcrossWebFrontsAsync(cluster);
            await DriveUntilAsync(chats, moment: TimeSpan.Zero, sends: 4);

            var stopping = cluster.Silos.Select(s => s!.StopAsync(TestCluster.StopTimeout)).ToList();
            var stopTimes = await Task.WhenAll(stopping);
            Assert.All(cluster.Silos, silo => Assert.Equal(0, silo!.ExitCode));
            foreach (var web in cluster.WebFronts)
            {
                await Wait.UntilAsync(
                    async () => await web!.ReadinessAsync() == HttpStatusCode.ServiceUnavailable,
                    $"{web!.Name} to say it is not ready while no silo runs");
            }

            var restartedAt = cluster.Clock.Elapsed;
            await Task.WhenAll(Enumerable.Range(0, cluster.Silos.Length).Select(cluster.StartSiloAsync));
            var readyAfter = cluster.Clock.Elapsed - restartedAt;
            await DriveUntilAsync(chats, restartedAt, sends: 4);
            await cluster.WaitUntilClientReachesClusterAsync();

            cluster.Report($"every silo stopped (SIGTERM) in {string.Join(" and ", stopTimes.Select(t => $"{t.TotalSeconds:0.0} s"))}");
            cluster.Report($"silos started again: ready after {readyAfter.TotalSeconds:0.0} s");
            foreach (var chat in chats)
            {
                cluster.Report($"  chat {chat.Id:N}: first send completed {chat.FirstSendAfter(restartedAt)!.Value.TotalSeconds:0.00} s "
                    + "after the silos were started");
            }

            foreach (var chat in chats)
            {
                await chat.VerifyAsync(cluster);
            }

            await room.VerifyPlacesKeptAsync(cluster, TimeSpan.FromSeconds(30));
            foreach (var web in cluster.WebFronts)
            {
                await Wait.UntilAsync(async () => await web!.ReadinessAsync() == HttpStatusCode.OK, $"{web!.Name} to be ready again");
            }
        });

    // Keeps the chats going until each has had <paramref name="sends"/> sends complete after <paramref name="moment"/>.
    private static async Task DriveUntilAsync(List<LiveChat> chats, TimeSpan moment, int sends)
    {
        using var stop = new CancellationTokenSource();
        var driving = chats.Select(c => c.DriveAsync(Pace, stop.Token)).ToList();
        try
        {
            await Wait.UntilAsync(
                () => chats.All(c => c.SentAfter(moment) >= sends), $"every chat to have {sends} sends completed", TimeSpan.FromSeconds(60));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(driving);
        }
    }
}
