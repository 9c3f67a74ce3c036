using System.Globalization;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Nettiturvakoti.Tests.Cluster;

/// <summary>
/// Silos dying and stopping under live chats, with real processes (docs/deploy.md gives the
/// measured times).
/// </summary>
[Collection(ClusterOfProcesses.Name)]
public sealed class SiloFailureTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(150);

    [Fact]
    public Task SiloKilledMidChat_ChatsGoOnWithNothingLostOrDoubled_AndWaitingSeekersKeepTheirPlaces() =>
        TestCluster.RunAsync(output, async cluster =>
        {
            var queueId = await cluster.CreateChatAsync();
            var room = await WaitingRoom.FillAsync(cluster, await cluster.CreateChatAsync(), count: 3);
            var victim = await cluster.SiloSlotOfAsync(cluster.Client.GetGrain<IQueueGrain>(room.QueueId));
            var (chats, hosts) = await StartChatsOnBothSilosAsync(cluster, queueId, victim);

            using var stop = new CancellationTokenSource();
            var driving = chats.Select(c => c.DriveAsync(Pace, stop.Token)).ToList();
            await Wait.UntilAsync(() => chats.All(c => c.Sent.Count >= 4), "every chat to be under way");

            var killedAt = cluster.Clock.Elapsed;
            await cluster.Silos[victim]!.KillAsync();
            await Wait.UntilAsync(() => cluster.IsDeclaredDeadAsync(victim), "the killed silo to be declared dead", TimeSpan.FromSeconds(30));
            var declaredDead = cluster.Clock.Elapsed - killedAt;
            await Wait.UntilAsync(
                () => chats.All(c => c.SentAfter(killedAt) >= 4), "every chat to go on after the kill", TimeSpan.FromSeconds(60));
            await stop.CancelAsync();
            await Task.WhenAll(driving);

            cluster.Report($"silo{victim + 1} killed (SIGKILL); declared dead after {declaredDead.TotalSeconds:0.0} s");
            foreach (var (chat, host) in chats.Zip(hosts))
            {
                cluster.Report($"  chat {chat.Id:N} on silo{host + 1}: longest pause after the kill "
                    + $"{chat.LongestPauseAfter(killedAt).TotalSeconds:0.00} s; {chat.Sent.Count} sends, "
                    + $"at most {chat.Sent.Max(s => s.Attempts)} attempts for one");
            }

            cluster.Report($"silo kill: chats paused for at most {chats.Max(c => c.LongestPauseAfter(killedAt)).TotalSeconds:0.00} s");
            foreach (var chat in chats)
            {
                await chat.VerifyAsync(cluster);
            }

            await room.VerifyPlacesKeptAsync(cluster, TimeSpan.FromSeconds(30));
        });

    [Fact]
    public Task SilosRestartedOneAfterAnother_ChatsGoOnWithNothingLostOrDoubled_AndWaitingSeekersKeepTheirPlaces() =>
        TestCluster.RunAsync(output, async cluster =>
        {
            var queueId = await cluster.CreateChatAsync();
            var room = await WaitingRoom.FillAsync(cluster, await cluster.CreateChatAsync(), count: 3);
            var (chats, _) = await StartChatsOnBothSilosAsync(cluster, queueId, victim: 0);

            using var stop = new CancellationTokenSource();
            var driving = chats.Select(c => c.DriveAsync(Pace, stop.Token)).ToList();
            await Wait.UntilAsync(() => chats.All(c => c.Sent.Count >= 4), "every chat to be under way");

            // A rolling restart as docs/deploy.md describes it, without the pause between silos
            // that it recommends: the web fronts must find the restarted silo on their own.
            var pauses = new List<string>();
            for (var slot = 0; slot < cluster.Silos.Length; slot++)
            {
                var stoppedAt = cluster.Clock.Elapsed;
                var silo = cluster.Silos[slot]!;
                var stopTime = await silo.StopAsync(TestCluster.StopTimeout);
                Assert.Equal(0, silo.ExitCode);
                await cluster.StartSiloAsync(slot);
                await Wait.UntilAsync(
                    () => chats.All(c => c.SentAfter(stoppedAt) >= 4),
                    $"every chat to go on after silo{slot + 1} was restarted",
                    TimeSpan.FromSeconds(60));
                pauses.Add($"silo{slot + 1} stopped in {stopTime.TotalSeconds:0.0} s, chats paused for at most "
                    + $"{chats.Max(c => c.LongestPauseAfter(stoppedAt)).TotalSeconds:0.00} s");
            }

            await stop.CancelAsync();
            await Task.WhenAll(driving);
            foreach (var pause in pauses)
            {
                cluster.Report("rolling restart: " + pause);
            }

            foreach (var chat in chats)
            {
                await chat.VerifyAsync(cluster);
            }

            await room.VerifyPlacesKeptAsync(cluster, TimeSpan.FromSeconds(30));
        });

    // Four chats, seeker and counsellor always on different web fronts; more if needed until the
    // silo to be killed hosts at least one conversation and the other silo at least one too.
    private static async Task<(List<LiveChat> Chats, List<int> Hosts)> StartChatsOnBothSilosAsync(
        TestCluster cluster, string queueId, int victim)
    {
        var (_, counsellorOnWeb1) = await cluster.LogInCounsellorAsync(queueId, webFrontSlot: 0);
        var (_, counsellorOnWeb2) = await cluster.LogInCounsellorAsync(queueId, webFrontSlot: 1);
        var chats = new List<LiveChat>();
        var hosts = new List<int>();
        while (chats.Count < 4 || !hosts.Contains(victim) || hosts.All(h => h == victim))
        {
            Assert.True(chats.Count < 12, "Twelve conversations all landed on one silo.");
            var seekerFront = chats.Count % 2;
            var chat = await LiveChat.StartAsync(
                cluster,
                "chat" + (chats.Count + 1).ToString(CultureInfo.InvariantCulture),
                queueId,
                seekerFront,
                counsellorFront: 1 - seekerFront,
                seekerFront == 0 ? counsellorOnWeb2 : counsellorOnWeb1);
            chats.Add(chat);
            hosts.Add(await cluster.SiloSlotOfAsync(cluster.Client.GetGrain<Conversations.IConversationGrain>(chat.Id)));
        }

        cluster.Report($"{chats.Count} chats; conversations on silos {string.Join(", ", hosts.Select(h => h + 1))}; "
            + $"silo{victim + 1} also hosts the waiting seekers' queue");
        return (chats, hosts);
    }
}
