using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nettiturvakoti.Hosting;

namespace Nettiturvakoti.Tests.Privacy;

/// <summary>
/// The clamp on sensitive log categories: never below Information whatever the configuration
/// says (a provider's own default, a wildcard), and never louder than the configuration asks.
/// </summary>
public sealed class PrivacyLoggingTests
{
    private const string HubDispatcher = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";
    private const string OrleansMessaging = "Orleans.Runtime.Messaging.MessageCenter";

    [Fact]
    public void ConfiguredWarning_KeptForOrleans_AndDetailHeldBackEverywhere()
    {
        using var factory = Factory(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Orleans", LogLevel.Warning));

        Assert.False(factory.CreateLogger(OrleansMessaging).IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger(OrleansMessaging).IsEnabled(LogLevel.Warning));
        Assert.False(factory.CreateLogger(HubDispatcher).IsEnabled(LogLevel.Debug));
        Assert.True(factory.CreateLogger(HubDispatcher).IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void ProviderDefaultAtTrace_SensitiveCategoriesStillAtInformation_OwnCodeAtTrace()
    {
        using var factory = Factory(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter<CaptureProvider>(null, LogLevel.Trace));

        Assert.False(factory.CreateLogger(HubDispatcher).IsEnabled(LogLevel.Debug));
        Assert.True(factory.CreateLogger(HubDispatcher).IsEnabled(LogLevel.Information));
        Assert.False(factory.CreateLogger("Npgsql.Command").IsEnabled(LogLevel.Trace));
        Assert.True(factory.CreateLogger("Nettiturvakoti.Conversations.ConversationGrain").IsEnabled(LogLevel.Trace));
    }

    [Fact]
    public void WildcardAndExactRulesAtTrace_RaisedToInformation()
    {
        using var factory = Factory(logging => logging
            .AddFilter("Microsoft.*", LogLevel.Trace)
            .AddFilter(HubDispatcher, LogLevel.Trace)
            .AddFilter<CaptureProvider>("Orleans.Runtime", LogLevel.Debug));

        Assert.False(factory.CreateLogger(HubDispatcher).IsEnabled(LogLevel.Debug));
        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel.Connections").IsEnabled(LogLevel.Debug));
        Assert.False(factory.CreateLogger(OrleansMessaging).IsEnabled(LogLevel.Debug));
        Assert.True(factory.CreateLogger(OrleansMessaging).IsEnabled(LogLevel.Information));
    }

    private static ServiceProviderLoggerFactory Factory(Action<ILoggingBuilder> configure)
    {
        var services = new ServiceCollection()
            .AddLogging(logging =>
            {
                logging.ClearProviders();
                logging.AddProvider(new CaptureProvider());
                configure(logging);
            })
            .AddPrivacyLogging()
            .BuildServiceProvider();
        return new ServiceProviderLoggerFactory(services);
    }

    private sealed class ServiceProviderLoggerFactory(ServiceProvider services) : IDisposable
    {
        private readonly ILoggerFactory _factory = services.GetRequiredService<ILoggerFactory>();

        public ILogger CreateLogger(string category) => _factory.CreateLogger(category);

        public void Dispose() => services.Dispose();
    }

    [ProviderAlias("Capture")]
    private sealed class CaptureProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger();

        public void Dispose()
        {
        }

        private sealed class Logger : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(
                LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}
