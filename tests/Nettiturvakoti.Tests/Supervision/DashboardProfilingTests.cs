using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nettiturvakoti.Hosting;
using Orleans.Dashboard;

namespace Nettiturvakoti.Tests.Supervision;

/// <summary>
/// The Orleans dashboard's method profiler is a filter every grain call in the silo passes: it is
/// left out unless configured, and the dashboard itself stays (SupervisorPagesTests shows it).
/// </summary>
public sealed class DashboardProfilingTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void DashboardProfiling_FiltersGrainCallsOnlyWhenTurnedOn(string? setting, bool filtered)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Operations:DashboardProfiling"] = setting })
            .Build();
        var builder = Host.CreateApplicationBuilder();

        builder.UseOrleans(silo => silo.AddNettiturvakotiGrains(configuration));

        var services = builder.Services;
        Assert.Contains(services, service => service.ServiceType == typeof(IConfigureOptions<DashboardOptions>));
        Assert.Equal(filtered, services.Any(service =>
            service.ServiceType == typeof(IIncomingGrainCallFilter)
            && service.ImplementationType?.Assembly == typeof(DashboardOptions).Assembly));
    }
}
