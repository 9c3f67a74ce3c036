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
}
