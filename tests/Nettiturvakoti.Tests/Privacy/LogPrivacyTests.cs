using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Grains;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.Tests.Privacy;

/// <summary>
/// A whole chat with every log of every component captured at the most detailed level: neither
/// the seeker's address, nor anything written, nor a password appears in any line.
/// </summary>
public sealed class LogPrivacyTests
{
    private const string Address = "203.0.113.199";
    private const string Text = "kirahvi violetti 7391 salaisuus";
    private const string Feedback = "palaute pelikaani 5518";

    [Fact]
    public async Task WholeChat_AtTraceLevel_NoAddressTextOrPasswordInAnyLogLine()
    {
        var storage = await TestDatabases.CreateAsync(StorageProvider.Sqlite);
        await using var host = new WebFrontHost(
            storage, new Dictionary<string, string?> { ["WebFront:TrustedProxies:0"] = "127.0.0.1" }, LogLevel.Trace);
        try
        {
            await host.StartAsync();
            var account = await TestAccounts.CreateCounsellorAsync(host.Grains);
            var cookies = await ChatClients.LogInAsync(host.BaseAddress, account.UserName, TestAccounts.Password);
            await ChatClients.PostLoginAsync(host.BaseAddress, new System.Net.CookieContainer(), account.UserName, "wrong " + TestAccounts.Password);
            var (counsellor, counsellorInbox) = await ChatClients.ConnectCounsellorAsync(host.BaseAddress, cookies);
            await using var _ = counsellor;
            var (seeker, seekerInbox) = await ChatClients.ConnectSeekerAsync(
                host.BaseAddress, new Dictionary<string, string> { ["X-Forwarded-For"] = Address });
            await using var __ = seeker;

            var started = await seeker.InvokeAsync<StartedChat>("StartChat", "fi", "fi");
            await seeker.InvokeAsync<SendResult>("Send", "w-1", Text + " odottaessa");
            var taken = await counsellor.InvokeAsync<JoinedChat>("Take", "fi", started.ConversationId);
            await seeker.InvokeAsync<SendResult>("Send", "m-1", Text);
            await counsellor.InvokeAsync<SendResult>("Send", started.ConversationId, "c-1", "vastaus: " + Text);
            await HubErrors.AssertCodeAsync(ErrorCodes.MessageTooLong,
                () => seeker.InvokeAsync<SendResult>("Send", "m-2", Text + new string('x', ChatLimits.MaxMessageLength)));
            await counsellorInbox.NextAsync(ClientEvents.Entry, a => ((ChatEntry)a[1]!).Text == Text);
            await seeker.InvokeAsync<ConversationView>("End");
            await seeker.InvokeAsync("SubmitFeedback", 5, Feedback);

            Assert.Equal(Address, taken.Conversation.SeekerAddress);
            Assert.True(host.Logs.Lines.Count > 100, $"only {host.Logs.Lines.Count} log lines were captured");
            var leaks = host.Logs.Lines
                .Where(l => l.Contains(Address, StringComparison.Ordinal)
                    || l.Contains("kirahvi", StringComparison.OrdinalIgnoreCase)
                    || l.Contains("pelikaani", StringComparison.OrdinalIgnoreCase)
                    || l.Contains(TestAccounts.Password, StringComparison.Ordinal)
                    || l.Contains(host.SupervisorPassword, StringComparison.Ordinal))
                .ToList();
            Assert.True(leaks.Count == 0, "Private data reached the logs:\n" + string.Join("\n", leaks.Select(l => string.Join(" ", l.Split(" ").Take(2))).Distinct()) + "\n" + string.Join("\n", leaks.Take(5)));
        }
        finally
        {
            await host.StopAsync();
            await TestDatabases.DropAsync(storage);
        }
    }
}
