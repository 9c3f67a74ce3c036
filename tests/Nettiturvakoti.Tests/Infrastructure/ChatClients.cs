using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Nettiturvakoti.Conversations;
using Nettiturvakoti.Counsellors;
using Nettiturvakoti.WebFront.Hubs;

namespace Nettiturvakoti.Tests.Infrastructure;

/// <summary>What a hub client has been sent, kept in order for tests to wait on.</summary>
public sealed class HubInbox
{
    private readonly Channel<(string Event, object?[] Args)> _events = Channel.CreateUnbounded<(string, object?[])>();
    private readonly List<(string Event, object?[] Args)> _seen = [];

    public void Add(string name, params object?[] args) => _events.Writer.TryWrite((name, args));

    /// <summary>Waits for the next event matching <paramref name="match"/>, skipping (but keeping) others.</summary>
    public async Task<object?[]> NextAsync(string name, Func<object?[], bool>? match = null, TimeSpan? timeout = null)
    {
        lock (_seen)
        {
            var index = _seen.FindIndex(e => e.Event == name && (match?.Invoke(e.Args) ?? true));
            if (index >= 0)
            {
                var found = _seen[index];
                _seen.RemoveAt(index);
                return found.Args;
            }
        }

        using var cancel = new CancellationTokenSource(timeout ?? Wait.Default);
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(cancel.Token);
                if (next.Event == name && (match?.Invoke(next.Args) ?? true))
                {
                    return next.Args;
                }

                lock (_seen)
                {
                    _seen.Add(next);
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No '{name}' event arrived in {(timeout ?? Wait.Default).TotalSeconds} s.");
        }
    }

    /// <summary>Every event received so far that nobody waited for, plus any still queued.</summary>
    public List<(string Event, object?[] Args)> Drain()
    {
        lock (_seen)
        {
            while (_events.Reader.TryRead(out var next))
            {
                _seen.Add(next);
            }

            var all = _seen.ToList();
            _seen.Clear();
            return all;
        }
    }
}

/// <summary>Real SignalR clients over WebSockets against a <see cref="WebFrontHost"/>.</summary>
public static class ChatClients
{
    public static async Task<(HubConnection Connection, HubInbox Inbox)> ConnectSeekerAsync(
        Uri baseAddress, IDictionary<string, string>? headers = null)
    {
        var connection = Build(new Uri(baseAddress, "/hubs/seeker"), options =>
        {
            foreach (var (key, value) in headers ?? new Dictionary<string, string>())
            {
                options.Headers[key] = value;
            }
        });
        var inbox = Listen(connection, isCounsellor: false);
        await connection.StartAsync();
        return (connection, inbox);
    }

    public static async Task<(HubConnection Connection, HubInbox Inbox)> ConnectCounsellorAsync(
        Uri baseAddress, CookieContainer cookies)
    {
        var connection = Build(new Uri(baseAddress, "/hubs/counsellor"), options => options.Cookies = cookies);
        var inbox = Listen(connection, isCounsellor: true);
        await connection.StartAsync();
        return (connection, inbox);
    }

    public static async Task<HubConnection> ConnectSupervisorAsync(Uri baseAddress, CookieContainer cookies)
    {
        var connection = Build(new Uri(baseAddress, "/hubs/supervisor"), options => options.Cookies = cookies);
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Logs in through the real login form; returns the cookies of the session.</summary>
    public static async Task<CookieContainer> LogInAsync(Uri baseAddress, string userName, string password)
    {
        var cookies = new CookieContainer();
        var (response, _) = await PostLoginAsync(baseAddress, cookies, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login failed with {(int)response.StatusCode}.");
        }

        return cookies;
    }

    public static async Task<(HttpResponseMessage Response, string Body)> PostLoginAsync(
        Uri baseAddress, CookieContainer cookies, string userName, string password)
    {
        using var http = HttpFor(baseAddress, cookies);
        var form = await http.GetStringAsync("/login");
        var response = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));
        return (response, await response.Content.ReadAsStringAsync());
    }

    public static HttpClient HttpFor(Uri baseAddress, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    public static string AntiforgeryToken(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    private static HubConnection Build(Uri url, Action<HttpConnectionOptions> configure) =>
        new HubConnectionBuilder()
            .WithUrl(url, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                configure(options);
            })
            .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(
                new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .Build();

    private static HubInbox Listen(HubConnection connection, bool isCounsellor)
    {
        var inbox = new HubInbox();
        connection.On<Guid, ChatEntry>(ClientEvents.Entry, (id, entry) => inbox.Add(ClientEvents.Entry, id, entry));
        connection.On<ConversationView>(ClientEvents.Conversation, view => inbox.Add(ClientEvents.Conversation, view));
        connection.On<Guid, Party>(ClientEvents.Typing, (id, party) => inbox.Add(ClientEvents.Typing, id, party));
        if (isCounsellor)
        {
            connection.On<CounsellorStatus>(ClientEvents.CounsellorStatus, s => inbox.Add(ClientEvents.CounsellorStatus, s));
            connection.On<Guid, string?>(ClientEvents.SeekerAddress, (id, address) => inbox.Add(ClientEvents.SeekerAddress, id, address));
            connection.On<CounsellorQueueEvent>(ClientEvents.Queue, e => inbox.Add(ClientEvents.Queue, e));
        }
        else
        {
            connection.On<SeekerQueueEvent>(ClientEvents.Queue, e => inbox.Add(ClientEvents.Queue, e));
        }

        return inbox;
    }
}
