using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.Queues;
using Nettiturvakoti.Relay;
using Nettiturvakoti.Tests.Infrastructure;

namespace Nettiturvakoti.Tests.Grains;

/// <summary>
/// A relay registered as living in the silo's process gets a conversation's entries by a direct
/// call, in order and off the grain's scheduler; the object behind its Orleans reference gets none.
/// </summary>
[Collection(SqliteCluster.Name)]
public sealed class LocalRelayTests(SqliteClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task RelayInTheSilosProcess_GetsEntriesDirectlyInOrder_OffTheGrainsScheduler()
    {
        var siloGrains = fixture.SiloServices.GetRequiredService<IGrainFactory>();
        var throughOrleans = new RecordingRelay();
        var direct = new RecordingRelay();
        var reference = siloGrains.CreateObjectReference<IChatRelay>(throughOrleans);
        fixture.SiloServices.GetRequiredService<LocalRelays>().Add(reference, direct);
        var id = Guid.NewGuid();
        var conversation = Grains.GetGrain<IConversationGrain>(id);
        await conversation.StartAsync(new StartConversation("fi", new string('s', 32), "203.0.113.9", "fi"));
        var account = await TestAccounts.CreateCounsellorAsync(Grains);
        await Grains.GetGrain<ICounsellorGrain>(account.Id).TakeAsync("fi", id);
        await conversation.SubscribeAsync(reference);

        var sent = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            sent.Add((await conversation.SendAsync(Participant.Seeker, $"m{i}", $"viesti {i}")).Entry.Sequence);
        }

        await Wait.UntilAsync(() => direct.Entries.Count >= sent.Count, "the direct relay to get every entry");
        Assert.Equal(sent, direct.Entries.Select(entry => entry.Sequence));
        Assert.All(direct.Schedulers, scheduler => Assert.Same(TaskScheduler.Default, scheduler));
        Assert.Empty(throughOrleans.Entries);
    }

    private sealed class RecordingRelay : IChatRelay
    {
        public ConcurrentQueue<ChatEntry> Entries { get; } = new();

        public ConcurrentQueue<TaskScheduler> Schedulers { get; } = new();

        public Task OnEntryAsync(Guid conversationId, Guid? counsellorId, ChatEntry entry, string? senderConnectionId)
        {
            Schedulers.Enqueue(TaskScheduler.Current);
            Entries.Enqueue(entry);
            return Task.CompletedTask;
        }

        public Task OnConversationChangedAsync(ConversationView view, Guid? counsellorId) => Task.CompletedTask;

        public Task OnSeekerAddressChangedAsync(Guid conversationId, Guid counsellorId, string? address) => Task.CompletedTask;

        public Task OnTypingAsync(Guid conversationId, Guid? counsellorId, Party who) => Task.CompletedTask;

        public Task OnQueueChangedAsync(QueueChange change) => Task.CompletedTask;

        public Task OnCounsellorChangedAsync(CounsellorStatus status) => Task.CompletedTask;
    }
}
