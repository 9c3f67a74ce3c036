using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Tests.Grains;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.Tests.WebFront;

/// <summary>
/// The Prometheus endpoint: the service's figures after a real chat, nothing personal among them,
/// and only monitoring networks get an answer.
/// </summary>
[Collection(ProxiedWebFront.Name)]
public sealed class MetricsTests(ProxiedWebFrontFixture fixture)
{
    private const string Address = "198.51.100.23";
    private const string Text = "Metriikkaan ei kuulu tämä lause 5521";

    private WebFrontHost Host => fixture.Host;

    [Fact]
    public async Task AfterAChat_WaitingMessagesWaitsAndErrorsReported_NoAddressIdOrText()
    {
        var chat = await Host.CreateTestChatAsync();
        var counsellor = await TestAccounts.CreateCounsellorAsync(Host.Grains, chat);
        var cookies = await ChatClients.LogInAsync(Host.BaseAddress, counsellor.UserName, TestAccounts.Password);
        await using var console = (await ChatClients.ConnectCounsellorAsync(Host.BaseAddress, cookies)).Connection;
        await using var waiting = (await ChatClients.ConnectSeekerAsync(Host.BaseAddress, Forwarded("198.51.100.24"))).Connection;
        await using var seeker = (await ChatClients.ConnectSeekerAsync(Host.BaseAddress, Forwarded(Address))).Connection;

        var started = await seeker.InvokeAsync<StartedChat>("StartChat", chat, "fi");
        var other = await waiting.InvokeAsync<StartedChat>("StartChat", chat, "fi");
        await console.InvokeAsync<JoinedChat>("Take", chat, started.ConversationId);
        await seeker.InvokeAsync<SendResult>("Send", "m-1", Text);
        await console.InvokeAsync<SendResult>("Send", started.ConversationId, "c-1", "Vastaus");
        await HubErrors.AssertCodeAsync(ErrorCodes.UnknownQueue, () => seeker.InvokeAsync<StartedChat>("StartChat", "no-such-chat", "fi"));

        string metrics = "";
        string[] expected = ["1", "1", "1", "1", "1", "counted"];
        string?[] seen = [];
        try
        {
            await Wait.UntilAsync(
                async () =>
                {
                    metrics = await ScrapeAsync("10.20.30.40");
                    seen =
                    [
                        Value(metrics, "ntk_queue_waiting", $"chat=\"{chat}\""),
                        Value(metrics, "ntk_chats_in_progress", $"chat=\"{chat}\""),
                        Value(metrics, "ntk_messages_total", $"chat=\"{chat}\"", "from=\"seeker\""),
                        Value(metrics, "ntk_messages_total", $"chat=\"{chat}\"", "from=\"counsellor\""),
                        Value(metrics, "ntk_queue_wait_seconds_count", $"chat=\"{chat}\""),
                        Value(metrics, "ntk_hub_errors_total", "code=\"unknown-queue\"", "hub=\"SeekerHub\"") is null ? null : "counted",
                    ];
                    return seen.SequenceEqual(expected);
                },
                "the chat's figures on the metrics endpoint");
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException(
                "Waiting, in progress, seeker and counsellor messages, waits and errors: expected " +
                $"[{string.Join(", ", expected)}], last seen [{string.Join(", ", seen.Select(v => v ?? "none"))}].",
                timeout);
        }

        // The framework's own meters (requests, Orleans, the runtime) are there too; they are not
        // checked here, because ASP.NET Core makes its meters per host, and in a test process of
        // many hosts one host's end closes the shared stream for all.
        Assert.Contains("ntk_hub_connections", metrics, StringComparison.Ordinal);

        // Group commits are timed, with a bucket at 50 ms, where a slow disk starts to show in chats.
        var commits = Value(metrics, "ntk_storage_commit_seconds_count");
        Assert.True(long.TryParse(commits, out var committed) && committed >= 2, $"expected at least the two messages' commits, saw {commits ?? "none"}");
        Assert.NotNull(Value(metrics, "ntk_storage_commit_seconds_bucket", "le=\"0.05\""));
        foreach (var secret in new[] { Address, "198.51.100.24", Text, "Vastaus", started.ConversationId.ToString(), other.ConversationId.ToString(), counsellor.UserName, counsellor.Id.ToString() })
        {
            Assert.DoesNotContain(secret, metrics, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("192.168.4.5", HttpStatusCode.OK)]
    [InlineData("203.0.113.9", HttpStatusCode.NotFound)]
    [InlineData("2001:db8::1", HttpStatusCode.NotFound)]
    public async Task Endpoint_AnswersOnlyMonitoringNetworks(string from, HttpStatusCode expected)
    {
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", from);

        using var response = await http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    // The value of the first sample of a metric carrying all the given labels (a timestamp may
    // follow it), or null.
    private static string? Value(string metrics, string name, params string[] labels) => metrics
        .Split('\n')
        .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)))
        .Select(line => line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0])
        .FirstOrDefault();

    private async Task<string> ScrapeAsync(string from)
    {
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", from);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static Dictionary<string, string> Forwarded(string address) => new() { ["X-Forwarded-For"] = address };
}
