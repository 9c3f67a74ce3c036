using Microsoft.AspNetCore.SignalR.Client;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.Tests.WebFront;

/// <summary>The embedded host stopped and started again on the same database keeps every chat and queue.</summary>
#pragma warning disable CA1001 // The host is disposed in DisposeAsync, which xunit calls.
public abstract class RestartTests(StorageProvider provider) : IAsyncLifetime
#pragma warning restore CA1001
{
    private WebFrontHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new WebFrontHost(await TestDatabases.CreateAsync(provider));
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await TestDatabases.DropAsync(_host.Storage);
    }

    [Fact]
    public async Task HostRestart_MessagesAndWaitingSeekersSurvive()
    {
        var account = await Grains.TestAccounts.CreateCounsellorAsync(_host.Grains);
        var (talking, _) = await ChatClients.ConnectSeekerAsync(_host.BaseAddress);
        var chat = await talking.InvokeAsync<StartedChat>("StartChat", "fi", "fi");
        await talking.InvokeAsync<SendResult>("Send", "before-1", "Kirjoitin ennen katkosta");
        var (waiting, _) = await ChatClients.ConnectSeekerAsync(_host.BaseAddress);
        var queued = await waiting.InvokeAsync<StartedChat>("StartChat", "fi", "fi");
        await using (var counsellor = (await ChatClients.ConnectCounsellorAsync(
            _host.BaseAddress, await ChatClients.LogInAsync(_host.BaseAddress, account.UserName, Grains.TestAccounts.Password))).Connection)
        {
            await counsellor.InvokeAsync<JoinedChat>("Take", "fi", chat.ConversationId);
            await counsellor.InvokeAsync<SendResult>("Send", chat.ConversationId, "c-1", "Vastasin ennen katkosta");
        }

        await talking.DisposeAsync();
        await waiting.DisposeAsync();
        await _host.RestartAsync();

        var cookies = await ChatClients.LogInAsync(_host.BaseAddress, account.UserName, Grains.TestAccounts.Password);
        var (again, _) = await ChatClients.ConnectCounsellorAsync(_host.BaseAddress, cookies);
        await using var _ = again;
        var overview = await again.InvokeAsync<CounsellorOverview>("GetOverview");
        var (seeker, _) = await ChatClients.ConnectSeekerAsync(_host.BaseAddress);
        await using var __ = seeker;
        var resumed = await seeker.InvokeAsync<JoinedChat>("Resume", chat.ConversationId, chat.Secret, 0L);
        var (stillWaiting, _) = await ChatClients.ConnectSeekerAsync(_host.BaseAddress);
        await using var ___ = stillWaiting;
        var place = await stillWaiting.InvokeAsync<JoinedChat>("Resume", queued.ConversationId, queued.Secret, 0L);

        Assert.Equal(chat.ConversationId, Assert.Single(overview.Conversations).Id);
        Assert.Contains(overview.Queues.Single(q => q.QueueId == "fi").Longest, w => w.ConversationId == queued.ConversationId);
        Assert.Equal(
            ["Kirjoitin ennen katkosta", "Vastasin ennen katkosta"],
            resumed.Entries.Where(e => e.Kind == EntryKind.Message).Select(e => e.Text));
        Assert.Equal(ConversationStatus.Waiting, place.Conversation.Status);
        Assert.Equal(1, place.Position!.Position);
        var next = await seeker.InvokeAsync<SendResult>("Send", "after-1", "Ja jatkan");
        Assert.Equal(resumed.Conversation.LastSequence + 1, next.Sequence);
    }
}

public sealed class RestartTestsOnSqlite() : RestartTests(StorageProvider.Sqlite);

public sealed class RestartTestsOnPostgres() : RestartTests(StorageProvider.PostgreSql);
