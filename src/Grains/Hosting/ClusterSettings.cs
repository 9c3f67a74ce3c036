using Microsoft.Extensions.Configuration;

namespace Nettiturvakoti.Hosting;

/// <summary>The <c>Cluster</c> configuration section: how a silo finds and joins the others.</summary>
public sealed class ClusterSettings
{
    /// <summary>The configuration section these settings are read from.</summary>
    public const string SectionName = "Cluster";

    /// <summary>Silos and clients with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "nettiturvakoti";

    /// <summary>Stays the same across deployments; keys grain state and reminders.</summary>
    public string ServiceId { get; set; } = "nettiturvakoti";

    /// <summary>The port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients (web fronts) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at; the machine's first address when empty.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>How silos watch each other (<c>Cluster:Membership</c>).</summary>
    public MembershipSettings Membership { get; set; } = new();

    /// <summary>How a web front keeps its connection to the silos (<c>Cluster:Client</c>).</summary>
    public ClusterClientSettings Client { get; set; } = new();

    /// <summary>
    /// How long a host may take to stop after SIGTERM: a silo hands its grains over and leaves the
    /// cluster, a web front closes its connections and disconnects. Whatever is still running then
    /// is cut off, so keep the orchestrator's own grace period (Kubernetes
    /// <c>terminationGracePeriodSeconds</c>, systemd <c>TimeoutStopSec</c>) longer than this.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Reads the section, with defaults for what it leaves out, and checks it.</summary>
    public static ClusterSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(SectionName).Get<ClusterSettings>() ?? new();
        settings.Validate();
        return settings;
    }

    /// <summary>Throws when a value could not work, naming the setting.</summary>
    public void Validate()
    {
        Require(ShutdownTimeout > TimeSpan.Zero, "ShutdownTimeout must be positive.");
        Require(Client.GatewayListRefreshPeriod > TimeSpan.Zero, "Client:GatewayListRefreshPeriod must be positive.");
        Require(Client.ResponseTimeout > TimeSpan.Zero, "Client:ResponseTimeout must be positive.");
        Require(Client.ConnectRetryDelay > TimeSpan.Zero, "Client:ConnectRetryDelay must be positive.");
        Require(Membership.ProbeTimeout > TimeSpan.Zero, "Membership:ProbeTimeout must be positive.");
        Require(Membership.NumMissedProbesLimit > 0, "Membership:NumMissedProbesLimit must be at least 1.");
        Require(Membership.NumVotesForDeathDeclaration > 0, "Membership:NumVotesForDeathDeclaration must be at least 1.");
        Require(Membership.TableRefreshTimeout > TimeSpan.Zero, "Membership:TableRefreshTimeout must be positive.");
    }

    private static void Require(bool holds, string message)
    {
        if (!holds)
        {
            throw new System.ComponentModel.DataAnnotations.ValidationException($"{SectionName}:{message}");
        }
    }
}
