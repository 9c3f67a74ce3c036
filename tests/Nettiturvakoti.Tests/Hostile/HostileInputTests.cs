using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Tests.Grains;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.Tests.Hostile;

/// <summary>
/// People attack helplines: pages of other sites, floods of calls and of new chats, and random,
/// malformed or huge input at every hub method and endpoint. The service answers with errors and
/// keeps serving.
/// </summary>
[Collection(ProxiedWebFront.Name)]
public sealed class HostileInputTests(ProxiedWebFrontFixture fixture)
{
    private WebFrontHost Host => fixture.Host;

    [Fact]
    public async Task Hub_PageOfAnotherOrigin_ConnectionRefused_OwnOriginAccepted()
    {
        var (foreign, _) = await ChatClients.ConnectSeekerAsync(Host.BaseAddress, new Dictionary<string, string> { ["Origin"] = "https://evil.example" });
        await using var _ = foreign;

        await Wait.UntilAsync(() => foreign.State == HubConnectionState.Disconnected, "the foreign page's connection to close");
        await Assert.ThrowsAnyAsync<Exception>(() => foreign.InvokeAsync<List<ChatInfo>>("GetChats"));

        var own = Host.BaseAddress.GetLeftPart(UriPartial.Authority);
        var (allowed, _) = await ChatClients.ConnectSeekerAsync(Host.BaseAddress, new Dictionary<string, string> { ["Origin"] = own });
        await using var __ = allowed;
        Assert.NotEmpty(await allowed.InvokeAsync<List<ChatInfo>>("GetChats"));
    }

    [Fact]
    public async Task Connection_FloodOfCalls_RefusedBeyondTheBurstThenServedAgain()
    {
        var (seeker, _) = await ChatClients.ConnectSeekerAsync(Host.BaseAddress, Forwarded("198.51.100.90"));
        await using var _ = seeker;
        await seeker.InvokeAsync<StartedChat>("StartChat", await Host.CreateTestChatAsync(), "fi");

        var refused = 0;
        for (var i = 0; i < 60; i++)
        {
            try
            {
                await seeker.InvokeAsync("Typing");
            }
            catch (HubException error) when (error.Message.Contains(ErrorCodes.RateLimited, StringComparison.Ordinal))
            {
                refused++;
            }
        }

        Assert.InRange(refused, 25, 60);
        Host.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, (await seeker.InvokeAsync<SendResult>("Send", "after-flood", "Taas rauhallisesti")).Sequence);
    }

    [Fact]
    public async Task Address_TooManyNewChats_RefusedWhileAnotherAddressIsAdmitted()
    {
        var chat = await Host.CreateTestChatAsync();
        var codes = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (seeker, _) = await ChatClients.ConnectSeekerAsync(Host.BaseAddress, Forwarded("198.51.100.91"));
            await using var _ = seeker;
            try
            {
                await seeker.InvokeAsync<StartedChat>("StartChat", chat, "fi");
                await seeker.InvokeAsync<ConversationView>("End");
                codes.Add("ok");
            }
            catch (HubException error)
            {
                codes.Add(error.Message.Contains(ErrorCodes.RateLimited, StringComparison.Ordinal) ? "limited" : error.Message);
            }
        }

        var (other, _) = await ChatClients.ConnectSeekerAsync(Host.BaseAddress, Forwarded("198.51.100.92"));
        await using var __ = other;
        Assert.Equal(["ok", "ok", "ok", "ok", "ok", "limited"], codes);
        Assert.Equal(ConversationStatus.Waiting, (await other.InvokeAsync<StartedChat>("StartChat", chat, "fi")).Conversation.Status);
        Assert.Equal(0, await Db.ScalarAsync(Host.Storage, "SELECT COUNT(*) FROM grain_state WHERE grain_key_text LIKE '%198.51.100.91%'"));
    }

    [Fact]
    public async Task Fuzz_EveryHubMethodAndEndpoint_AnswersWithErrorsAndKeepsServing()
    {
        var random = new Random(20261203);
        var supervisorCookies = await ChatClients.LogInAsync(Host.BaseAddress, "supervisor", Host.SupervisorPassword);
        var counsellor = await TestAccounts.CreateCounsellorAsync(Host.Grains, "youth", "sv");
        var counsellorCookies = await ChatClients.LogInAsync(Host.BaseAddress, counsellor.UserName, TestAccounts.Password);
        var hubs = new (Type Hub, Func<Task<HubConnection>> Connect)[]
        {
            (typeof(SeekerHub), async () => (await ChatClients.ConnectSeekerAsync(Host.BaseAddress, Forwarded($"198.51.100.{random.Next(100, 200)}"))).Connection),
            (typeof(CounsellorHub), async () => (await ChatClients.ConnectCounsellorAsync(Host.BaseAddress, counsellorCookies)).Connection),
            (typeof(SupervisorHub), () => ChatClients.ConnectSupervisorAsync(Host.BaseAddress, supervisorCookies)),
        };

        var calls = 0;
        foreach (var (hub, connect) in hubs)
        {
            foreach (var method in hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name is not ("OnConnectedAsync" or "OnDisconnectedAsync" or "Dispose")))
            {
                for (var round = 0; round < 6; round++)
                {
                    // A fresh connection each time, so that a call which closes it (a frame over the
                    // size cap) cannot hide what the next one does.
                    await using var connection = await connect();
                    var args = round == 0
                        ? [.. method.GetParameters().Select(_ => (object?)null)]
                        : Enumerable.Range(0, random.Next(0, method.GetParameters().Length + 2)).Select(_ => RandomValue(random)).ToArray();
                    try
                    {
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                        await connection.InvokeCoreAsync(method.Name, typeof(JsonElement), args, timeout.Token);
                    }
                    catch (Exception error) when (error is HubException or InvalidOperationException or System.IO.InvalidDataException or TaskCanceledException)
                    {
                    }

                    calls++;
                }
            }
        }

        using var http = ChatClients.HttpFor(Host.BaseAddress, supervisorCookies);
        string[] paths = ["/", "/login", "/login/code", "/console", "/api/seeker/settings", "/api/seeker/quick-exit", "/supervisor/statistics",
            "/supervisor/chat/fi", "/supervisor/account/" + Guid.NewGuid(), "/hubs/seeker/negotiate", "/account/password", "/logout"];
        foreach (var path in paths)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
            {
                var query = random.Next(2) == 0 ? "" : $"?from={RandomText(random, 20)}&to=9999-99&chat=%00&handler={RandomText(random, 8)}";
                using var request = new HttpRequestMessage(method, path + query)
                {
                    Content = random.Next(2) == 0
                        ? new StringContent(RandomText(random, random.Next(0, 5000)), Encoding.UTF8, "application/x-www-form-urlencoded")
                        : new ByteArrayContent(RandomBytes(random, random.Next(0, 2000))),
                };
                var response = await http.SendAsync(request);
                Assert.True((int)response.StatusCode < 500, $"{method} {path}{query} answered {(int)response.StatusCode}");
                calls++;
            }
        }

        // Still serving: a whole chat works.
        var (seeker, _) = await ChatClients.ConnectSeekerAsync(Host.BaseAddress, Forwarded("198.51.100.250"));
        await using var ___ = seeker;
        var started = await seeker.InvokeAsync<StartedChat>("StartChat", "fi", "fi");
        Assert.Equal(1, (await seeker.InvokeAsync<SendResult>("Send", "still-fine", "Toimiiko vielä?")).Sequence);
        Assert.NotEqual(Guid.Empty, started.ConversationId);
        Assert.True(calls > 200, $"only {calls} fuzz calls were made");
    }

    private static Dictionary<string, string> Forwarded(string address) => new() { ["X-Forwarded-For"] = address };

    private static object? RandomValue(Random random) => random.Next(10) switch
    {
        0 => null,
        1 => random.Next(),
        2 => -random.NextDouble() * 1e300,
        3 => RandomText(random, random.Next(0, 50)),
        4 => RandomText(random, 20_000),
        5 => new Dictionary<string, object?> { ["id"] = RandomText(random, 5), ["nested"] = new[] { 1, 2, 3 } },
        6 => Guid.NewGuid(),
        7 => new[] { RandomText(random, 3), null },
        8 => true,
        _ => long.MaxValue,
    };

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(1, 0x2FFF);
        }

        return new string(chars);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
