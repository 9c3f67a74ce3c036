using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nettiturvakoti.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Nettiturvakoti.Hosting;

/// <summary>
/// Metrics for both hosts: the service's own (<see cref="ChatMetrics"/>), Orleans', ASP.NET
/// Core's and the runtime's, read by Prometheus from one endpoint. No instrument carries an
/// address, a conversation id or any text.
/// </summary>
public static class OperationsHosting
{
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Authentication",
        "System.Runtime",
    ];

    /// <summary>
    /// The most tag combinations kept for one instrument. Each instrument gets room for this many
    /// up front; the library's default of 2,000 came to some 40 MB for the few hundred instruments
    /// of Orleans and ASP.NET Core. Ours have a handful (chats times sides), the framework's (routes
    /// times methods times status codes at most) stay within this, and a combination past it is
    /// counted under an overflow tag rather than lost.
    /// </summary>
    public const int TagCombinationsPerInstrument = 500;

    /// <summary>Collects metrics for the Prometheus endpoint, unless <c>Operations:Metrics</c> is false.</summary>
    public static IServiceCollection AddNettiturvakotiMetrics(
        this IServiceCollection services, IConfiguration configuration, string serviceName, params string[] meters)
    {
        services.AddMetrics();
        if (!OperationsOptions.From(configuration).Metrics)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
            .AddMeter(ChatMetrics.MeterName)
            .AddMeter(FrameworkMeters)
            .AddMeter(meters)
            .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = TagCombinationsPerInstrument })
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>
    /// Serves the metrics at <c>Operations:MetricsPath</c> to the networks of
    /// <c>Operations:MetricsNetworks</c>; anyone else is told there is nothing there.
    /// </summary>
    public static IEndpointRouteBuilder MapNettiturvakotiMetrics(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        var options = OperationsOptions.From(configuration);
        if (!options.Metrics)
        {
            return endpoints;
        }

        var networks = (options.MetricsNetworks ?? [.. OperationsOptions.DefaultMetricsNetworks])
            .Select(network => IPNetwork.Parse(network.Trim()))
            .ToArray();
        endpoints.MapPrometheusScrapingEndpoint(options.MetricsPath).Add(endpoint =>
        {
            var serve = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context =>
            {
                if (!IsAllowed(context.Connection.RemoteIpAddress, networks))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return serve(context);
            };
        });
        return endpoints;
    }

    private static bool IsAllowed(IPAddress? address, IPNetwork[] networks)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return networks.Any(network => network.Contains(address));
    }
}
