using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.Tests.WebFront;

/// <summary>
/// Every kind of bad input gets a clear error, stores nothing, and leaves the service (and the
/// caller's connection) serving.
/// </summary>
[Collection(SqliteWebFront.Name)]
public sealed class BadInputTests(SqliteWebFrontFixture fixture)
{
    private Uri Address => fixture.Host.BaseAddress;

    [Fact]
    public async Task SeekerSend_BeforeStartingAChat_NoConversationError()
    {
        var (seeker, _) = await ChatClients.ConnectSeekerAsync(Address);
        await using var _ = seeker;

        await HubErrors.AssertCodeAsync(ErrorCodes.NoConversation, () => seeker.InvokeAsync<SendResult>("Send", "x-1", "Hei"));

        Assert.NotEmpty(await seeker.InvokeAsync<List<ChatInfo>>("GetChats"));
    }

    [Theory]
    [InlineData("no-such-chat")]
    [InlineData("")]
    [InlineData("a-queue-id-that-is-far-too-long-to-be-real-at-all")]
    public async Task StartChat_UnknownQueue_ErrorAndNothingStored(string queueId)
    {
        var (seeker, _) = await ChatClients.ConnectSeekerAsync(Address);
        await using var _ = seeker;
        var conversationsBefore = await CountAsync("SELECT COUNT(*) FROM grain_state WHERE state_name = 'conversation'");

        await HubErrors.AssertCodeAsync(ErrorCodes.UnknownQueue, () => seeker.InvokeAsync<StartedChat>("StartChat", queueId, "fi"));

        Assert.Equal(conversationsBefore, await CountAsync("SELECT COUNT(*) FROM grain_state WHERE state_name = 'conversation'"));
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM grain_state WHERE state_name = 'queue' AND grain_key_text = '{queueId}'"));
        var started = await seeker.InvokeAsync<StartedChat>("StartChat", "fi", "fi");
        Assert.Equal(ConversationStatus.Waiting, started.Conversation.Status);
    }

    [Fact]
    public async Task Send_EmptyOverLongOrBrokenText_ClearErrorsAndNothingStored()
    {
        var (seeker, _) = await ChatClients.ConnectSeekerAsync(Address);
        await using var _ = seeker;
        var started = await seeker.InvokeAsync<StartedChat>("StartChat", "fi", "fi");
        var ok = await seeker.InvokeAsync<SendResult>("Send", "ok-1", "Tämä menee perille");

        await HubErrors.AssertCodeAsync(ErrorCodes.MessageEmpty, () => seeker.InvokeAsync<SendResult>("Send", "bad-1", ""));
        await HubErrors.AssertCodeAsync(ErrorCodes.MessageEmpty, () => seeker.InvokeAsync<SendResult>("Send", "bad-2", " \n "));
        await HubErrors.AssertCodeAsync(ErrorCodes.MessageEmpty, () => seeker.InvokeAsync<SendResult>("Send", "bad-3", null));
        await HubErrors.AssertCodeAsync(
            ErrorCodes.MessageTooLong, () => seeker.InvokeAsync<SendResult>("Send", "bad-4", new string('x', ChatLimits.MaxMessageLength + 1)));
        await HubErrors.AssertCodeAsync(
            ErrorCodes.MessageInvalid, () => seeker.InvokeAsync<SendResult>("Send", "bad-5", "ohjausmerkki \u0007"));
        await HubErrors.AssertCodeAsync(
            ErrorCodes.BadClientMessageId, () => seeker.InvokeAsync<SendResult>("Send", "", "Hei"));

        var stored = await seeker.InvokeAsync<List<ChatEntry>>("ReadAfter", 0L);
        Assert.Equal([ok.Sequence], stored.Select(e => e.Sequence));
        Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM chat_entry WHERE conversation_id = @id", started.ConversationId));
        Assert.Equal(ok.Sequence + 1, (await seeker.InvokeAsync<SendResult>("Send", "ok-2", "Ja tämäkin")).Sequence);
    }

    [Fact]
    public async Task Resume_ForgedIdOrWrongSecret_NotYourConversation()
    {
        var (owner, _) = await ChatClients.ConnectSeekerAsync(Address);
        await using var _ = owner;
        var started = await owner.InvokeAsync<StartedChat>("StartChat", "fi", "fi");
        await owner.InvokeAsync<SendResult>("Send", "secret-1", "Tätä ei saa nähdä kukaan muu");
        var (intruder, _) = await ChatClients.ConnectSeekerAsync(Address);
        await using var __ = intruder;

        await HubErrors.AssertCodeAsync(ErrorCodes.NotYourConversation,
            () => intruder.InvokeAsync<JoinedChat>("Resume", Guid.NewGuid(), started.Secret, 0L));
        await HubErrors.AssertCodeAsync(ErrorCodes.NotYourConversation,
            () => intruder.InvokeAsync<JoinedChat>("Resume", started.ConversationId, "wrong-" + started.Secret, 0L));
        await HubErrors.AssertCodeAsync(ErrorCodes.NotYourConversation,
            () => intruder.InvokeAsync<JoinedChat>("Resume", started.ConversationId, null, 0L));
        await HubErrors.AssertCodeAsync(ErrorCodes.NoConversation, () => intruder.InvokeAsync<List<ChatEntry>>("ReadAfter", 0L));
    }

    [Fact]
    public async Task Counsellor_ForeignConversation_CannotOpenSendOrEnd()
    {
        var (_, ownerCookies) = await fixture.LogInNewCounsellorAsync();
        var (_, strangerCookies) = await fixture.LogInNewCounsellorAsync();
        await using var owner = (await ChatClients.ConnectCounsellorAsync(Address, ownerCookies)).Connection;
        await using var stranger = (await ChatClients.ConnectCounsellorAsync(Address, strangerCookies)).Connection;
        var (seeker, _) = await ChatClients.ConnectSeekerAsync(Address);
        await using var _ = seeker;
        var started = await seeker.InvokeAsync<StartedChat>("StartChat", "fi", "fi");
        await owner.InvokeAsync<JoinedChat>("Take", "fi", started.ConversationId);

        await HubErrors.AssertCodeAsync(ErrorCodes.NotYourConversation,
            () => stranger.InvokeAsync<JoinedChat>("Open", started.ConversationId, 0L));
        await HubErrors.AssertCodeAsync(ErrorCodes.NotYourConversation,
            () => stranger.InvokeAsync<SendResult>("Send", started.ConversationId, "x-1", "Hei"));
        await HubErrors.AssertCodeAsync(ErrorCodes.NotYourConversation,
            () => stranger.InvokeAsync<ConversationView>("End", started.ConversationId));
        await HubErrors.AssertCodeAsync(ErrorCodes.NotYourConversation,
            () => stranger.InvokeAsync<JoinedChat>("Open", Guid.NewGuid(), 0L));
        await HubErrors.AssertCodeAsync(ErrorCodes.NoLongerWaiting,
            () => stranger.InvokeAsync<JoinedChat>("Take", "fi", started.ConversationId));

        var view = (await owner.InvokeAsync<JoinedChat>("Open", started.ConversationId, 0L)).Conversation;
        Assert.Equal(ConversationStatus.Active, view.Status);
        Assert.Equal(1, view.LastSequence);
    }

    [Fact]
    public async Task CounsellorHub_WithoutLogin_Refused()
    {
        var error = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(
            () => ChatClients.ConnectCounsellorAsync(Address, new CookieContainer()));

        Assert.Contains("'401'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CounsellorHub_ForgedCookie_Refused()
    {
        var cookies = new CookieContainer();
        cookies.Add(Address, new Cookie("ntk.auth", "CfDJ8" + new string('A', 200)));

        var error = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(
            () => ChatClients.ConnectCounsellorAsync(Address, cookies));

        Assert.Contains("'401'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubCall_WrongArgumentTypes_ErrorAndConnectionKeepsWorking()
    {
        var (seeker, _) = await ChatClients.ConnectSeekerAsync(Address);
        await using var _ = seeker;

        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(
            () => seeker.InvokeAsync<JoinedChat>("Resume", "not-a-guid", 42, "not-a-number"));
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => seeker.InvokeAsync<object>("NoSuchMethod"));

        Assert.Equal(HubConnectionState.Connected, seeker.State);
        Assert.NotEmpty(await seeker.InvokeAsync<List<ChatInfo>>("GetChats"));
    }

    [Fact]
    public async Task HugeMessage_OverTheTransportCap_ClosesOnlyThatConnection()
    {
        var (seeker, _) = await ChatClients.ConnectSeekerAsync(Address);
        var closed = new TaskCompletionSource<Exception?>();
        seeker.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        await seeker.InvokeAsync<StartedChat>("StartChat", "fi", "fi");

        _ = seeker.InvokeAsync<SendResult>("Send", "huge-1", new string('x', 100_000));

        await Wait.ForAsync(closed.Task, "the server to close the connection that sent 100 kB");
        var (other, _) = await ChatClients.ConnectSeekerAsync(Address);
        await using var __ = other;
        Assert.NotEmpty(await other.InvokeAsync<List<ChatInfo>>("GetChats"));
        await seeker.DisposeAsync();
    }

    private Task<long> CountAsync(string sql, Guid? id = null) =>
        id is { } value
            ? Db.ScalarAsync(fixture.Host.Storage, sql, ("@id", value))
            : Db.ScalarAsync(fixture.Host.Storage, sql);
}
