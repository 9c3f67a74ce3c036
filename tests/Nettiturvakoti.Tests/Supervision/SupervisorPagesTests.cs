using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Nettiturvakoti.Accounts;
using Nettiturvakoti.Storage;
using Nettiturvakoti.Tests.Grains;
using Nettiturvakoti.Tests.Infrastructure;
using Nettiturvakoti.WebFront.Hosting;
using Nettiturvakoti.WebFront.Hubs;
using OtpNet;

namespace Nettiturvakoti.Tests.Supervision;

/// <summary>A web front of its own: these tests change accounts and the second-factor rule.</summary>
public sealed class SupervisorWebFrontFixture() : WebFrontFixture(StorageProvider.Sqlite);

[CollectionDefinition(Name)]
public sealed class SupervisorWebFront : ICollectionFixture<SupervisorWebFrontFixture>
{
    public const string Name = "supervisor pages";
}

/// <summary>The supervisor pages through real HTTP: role boundaries, accounts, lockout and the second factor.</summary>
[Collection(SupervisorWebFront.Name)]
public sealed class SupervisorPagesTests(SupervisorWebFrontFixture fixture)
{
    private static readonly string[] SupervisorPages =
    [
        "/supervisor", "/supervisor/statistics", "/supervisor/statistics?handler=Csv", "/supervisor/feedback",
        "/supervisor/accounts", "/supervisor/chats", "/supervisor/chat/fi", "/supervisor/audit", "/supervisor/settings",
    ];

    private WebFrontHost Host => fixture.Host;

    [Fact]
    public async Task SupervisorPagesAndHub_Counsellor_Refused_Supervisor_Allowed()
    {
        var counsellor = await TestAccounts.CreateCounsellorAsync(Host.Grains);
        using var asCounsellor = ChatClients.HttpFor(Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, counsellor.UserName, TestAccounts.Password));
        using var anonymous = ChatClients.HttpFor(Host.BaseAddress, new CookieContainer());
        using var asSupervisor = ChatClients.HttpFor(Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, "supervisor", Host.SupervisorPassword));

        foreach (var page in SupervisorPages)
        {
            Assert.NotEqual(HttpStatusCode.OK, (await asCounsellor.GetAsync(page)).StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(page)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await asSupervisor.GetAsync(page)).StatusCode);
        }

        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(async () =>
            await ChatClients.ConnectSupervisorAsync(Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, counsellor.UserName, TestAccounts.Password)));
        Assert.Contains("'403'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_CreateThenDisable_LoginRefusedAndOpenConsoleStopped()
    {
        var cookies = await ChatClients.LogInAsync(Host.BaseAddress, "supervisor", Host.SupervisorPassword);
        using var http = ChatClients.HttpFor(Host.BaseAddress, cookies);
        var name = "new-" + Guid.NewGuid().ToString("N")[..8];

        var created = await PostFormAsync(http, "/supervisor/accounts", new()
        {
            ["UserName"] = name, ["ChatName"] = "Uusi", ["Counsellor"] = "true", ["Queues"] = "youth",
            ["MaxConversations"] = "2", ["Password"] = "temporary password 42",
        });
        Assert.Contains($"Created {name}.", created, StringComparison.Ordinal);
        var id = (await Host.Grains.GetGrain<IAccountDirectoryGrain>(0).FindAsync(name))!.Value;
        var account = await Host.Grains.GetGrain<IAccountGrain>(id).GetAsync();
        Assert.True(account!.MustChangePassword);
        Assert.Equal(["youth"], account.Queues);
        Assert.Equal(2, account.MaxConversations);

        var existing = await TestAccounts.CreateCounsellorAsync(Host.Grains);
        var (console, _) = await ChatClients.ConnectCounsellorAsync(Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, existing.UserName, TestAccounts.Password));
        await using var _ = console;
        await console.InvokeAsync<CounsellorOverview>("GetOverview");
        await PostFormAsync(http, $"/supervisor/account/{existing.Id}?handler=Update", new()
        {
            ["ChatName"] = existing.ChatName, ["Counsellor"] = "true", ["MaxConversations"] = "3", ["Disabled"] = "true",
        });
        Host.Time.Advance(TimeSpan.FromSeconds(11)); // past the console's recheck interval

        var closed = new TaskCompletionSource();
        console.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await Assert.ThrowsAnyAsync<Exception>(() => console.InvokeAsync<CounsellorOverview>("GetOverview"));
        await Wait.ForAsync(closed.Task.ContinueWith(_ => true, TaskScheduler.Default), "the disabled account's console connection to be closed");
        var (login, _) = await ChatClients.PostLoginAsync(Host.BaseAddress, new CookieContainer(), existing.UserName, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode); // the form again, not a redirect
    }

    [Fact]
    public async Task ResetPassword_PersonMustChooseANewOne()
    {
        var counsellor = await TestAccounts.CreateCounsellorAsync(Host.Grains);
        using var http = ChatClients.HttpFor(Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, "supervisor", Host.SupervisorPassword));

        await PostFormAsync(http, $"/supervisor/account/{counsellor.Id}?handler=Reset", new() { ["TemporaryPassword"] = "reset by supervisor 7" });

        var (oldPassword, _) = await ChatClients.PostLoginAsync(Host.BaseAddress, new CookieContainer(), counsellor.UserName, TestAccounts.Password);
        var (newPassword, _) = await ChatClients.PostLoginAsync(Host.BaseAddress, new CookieContainer(), counsellor.UserName, "reset by supervisor 7");
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        Assert.Equal("/account/password", newPassword.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Lockout_FiveWrongPasswords_RightOneRefusedForFifteenMinutes()
    {
        var counsellor = await TestAccounts.CreateCounsellorAsync(Host.Grains);
        for (var i = 0; i < 5; i++)
        {
            await ChatClients.PostLoginAsync(Host.BaseAddress, new CookieContainer(), counsellor.UserName, $"wrong guess {i} {i} {i}");
        }

        var (locked, body) = await ChatClients.PostLoginAsync(Host.BaseAddress, new CookieContainer(), counsellor.UserName, TestAccounts.Password);
        Host.Time.Advance(TimeSpan.FromMinutes(16));
        var (after, _) = await ChatClients.PostLoginAsync(Host.BaseAddress, new CookieContainer(), counsellor.UserName, TestAccounts.Password);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("not right", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task SecondFactor_SetUpThenRequired_LoginNeedsTheCodeAndACodeWorksOnce()
    {
        var name = "boss-" + Guid.NewGuid().ToString("N")[..8];
        var account = await Host.Grains.GetGrain<IAccountDirectoryGrain>(0).CreateAccountAsync(
            new NewAccount(name, name, AccountRoles.Supervisor, [], "boss password 123", MustChangePassword: false));
        var withoutCode = await ChatClients.LogInAsync(Host.BaseAddress, name, "boss password 123");
        using var http = ChatClients.HttpFor(Host.BaseAddress, withoutCode);
        var enroll = await PostFormAsync(http, "/account/security?handler=Begin", []);
        var secret = Regex.Match(enroll, "<code class=\"secret\">([A-Z2-7]+)</code>").Groups[1].Value;
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        await PostFormAsync(http, "/account/security?handler=Confirm", new() { ["Code"] = totp.ComputeTotp(Host.Time.GetUtcNow().UtcDateTime) });
        Assert.True((await Host.Grains.GetGrain<IAccountGrain>(account.Id).GetAsync())!.SecondFactor);

        await Host.Grains.GetGrain<IAccountDirectoryGrain>(0).SetSecondFactorRequiredAsync(true);
        try
        {
            var cookies = new CookieContainer();
            var (password, _) = await ChatClients.PostLoginAsync(Host.BaseAddress, cookies, name, "boss password 123");
            Assert.Equal("/login/code", password.Headers.Location?.OriginalString);
            using var step = ChatClients.HttpFor(Host.BaseAddress, cookies);
            Assert.NotEqual(HttpStatusCode.OK, (await step.GetAsync("/supervisor")).StatusCode);

            Host.Time.Advance(TimeSpan.FromSeconds(30));
            var code = totp.ComputeTotp(Host.Time.GetUtcNow().UtcDateTime);
            var accepted = await PostFormRawAsync(step, "/login/code", new() { ["Code"] = code });
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await step.GetAsync("/supervisor")).StatusCode);

            var replayCookies = new CookieContainer();
            await ChatClients.PostLoginAsync(Host.BaseAddress, replayCookies, name, "boss password 123");
            using var replay = ChatClients.HttpFor(Host.BaseAddress, replayCookies);
            var replayed = await PostFormRawAsync(replay, "/login/code", new() { ["Code"] = code });
            Assert.Equal(HttpStatusCode.OK, replayed.StatusCode); // the form again: a code counts once

            // The first supervisor has no second factor: now sent to set one up.
            using var first = ChatClients.HttpFor(Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, "supervisor", Host.SupervisorPassword));
            var page = await first.GetAsync("/supervisor");
            Assert.Equal("/account/security", page.Headers.Location?.OriginalString);
        }
        finally
        {
            await Host.Grains.GetGrain<IAccountDirectoryGrain>(0).SetSecondFactorRequiredAsync(false);
        }
    }

    [Fact]
    public async Task StatisticsCsv_HoldsExactlyThePagesFigures()
    {
        using var http = ChatClients.HttpFor(Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, "supervisor", Host.SupervisorPassword));

        var page = await http.GetStringAsync("/supervisor/statistics?chat=fi");
        var csv = await http.GetStringAsync("/supervisor/statistics?handler=Csv&chat=fi");

        var started = Regex.Match(page, "<tr data-row=\"Started\">\\s*<th scope=\"row\">[^<]*</th>((?:\\s*<td[^>]*>[^<]*</td>)+)").Groups[1].Value;
        var cells = Regex.Matches(started, ">([^<]*)</td>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value));
        Assert.Contains("Contacts,Chats started," + string.Join(',', cells), csv, StringComparison.Ordinal);
        Assert.StartsWith("table,measure,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabledAccount_OpenConsoleMakingNoCalls_ClosedAtTheNextCheck()
    {
        using var http = ChatClients.HttpFor(Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, "supervisor", Host.SupervisorPassword));
        var quiet = await TestAccounts.CreateCounsellorAsync(Host.Grains);
        var other = await TestAccounts.CreateCounsellorAsync(Host.Grains);
        var (console, _) = await ChatClients.ConnectCounsellorAsync(Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, quiet.UserName, TestAccounts.Password));
        var (otherConsole, _) = await ChatClients.ConnectCounsellorAsync(Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, other.UserName, TestAccounts.Password));
        await using var _ = console;
        await using var __ = otherConsole;
        var closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        console.Closed += _ => { closed.TrySetResult(true); return Task.CompletedTask; };

        await PostFormAsync(http, $"/supervisor/account/{quiet.Id}?handler=Update", new()
        {
            ["ChatName"] = quiet.ChatName, ["Counsellor"] = "true", ["MaxConversations"] = "3", ["Disabled"] = "true",
        });
        Host.Time.Advance(StaffConnections.CheckEvery);

        await Wait.ForAsync(closed.Task, "the disabled account's quiet console to be closed");
        Assert.Equal(HubConnectionState.Connected, otherConsole.State);
        await otherConsole.InvokeAsync<CounsellorOverview>("GetOverview");
    }

    [Fact]
    public async Task OrleansDashboard_SupervisorsOnly_AndNoGrainState()
    {
        var counsellor = await TestAccounts.CreateCounsellorAsync(Host.Grains);
        using var asCounsellor = ChatClients.HttpFor(Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, counsellor.UserName, TestAccounts.Password));
        using var anonymous = ChatClients.HttpFor(Host.BaseAddress, new CookieContainer());
        using var asSupervisor = ChatClients.HttpFor(Host.BaseAddress, await ChatClients.LogInAsync(Host.BaseAddress, "supervisor", Host.SupervisorPassword));
        const string Dashboard = WebFrontApp.DashboardPath;

        foreach (var path in new[] { $"{Dashboard}/", $"{Dashboard}/ClusterStats" })
        {
            Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, (await asCounsellor.GetAsync(path)).StatusCode);
        }

        var page = await asSupervisor.GetAsync($"{Dashboard}/");
        var stats = await asSupervisor.GetAsync($"{Dashboard}/ClusterStats");
        var grainState = await asSupervisor.GetAsync(
            $"{Dashboard}/GrainState?grainId={Guid.NewGuid()}&grainType=Nettiturvakoti.Conversations.ConversationGrain");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self';", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Equal("application/json", stats.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, grainState.StatusCode);
    }

    private static async Task<string> PostFormAsync(HttpClient http, string url, Dictionary<string, string> fields)
    {
        var response = await PostFormRawAsync(http, url, fields);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> PostFormRawAsync(HttpClient http, string url, Dictionary<string, string> fields)
    {
        var form = await http.GetStringAsync(url.Split('?')[0]);
        fields["__RequestVerificationToken"] = ChatClients.AntiforgeryToken(form);
        return await http.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}
