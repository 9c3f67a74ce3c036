namespace Nettiturvakoti.WebFront.Hosting;

/// <summary>How the web front reaches the grains.</summary>
public enum OrleansMode
{
    /// <summary>A silo runs inside the web front: the one-process deployment.</summary>
    CoHosted = 0,

    /// <summary>The web front is a client of a separate silo cluster (src/Silo), found through the database.</summary>
    Client = 1,
}

/// <summary>The <c>WebFront</c> configuration section.</summary>
public sealed class WebFrontOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "WebFront";

    /// <summary>Whether to host a silo or connect to a cluster.</summary>
    public OrleansMode Orleans { get; set; } = OrleansMode.CoHosted;

    /// <summary>
    /// Reverse proxies whose X-Forwarded-For header is believed (addresses or CIDR networks). Empty:
    /// the seeker's address is the connection's own, and forwarded headers are ignored.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>
    /// Whether the login cookie is sent over HTTPS only. On by default; turn off only for a plain
    /// HTTP run on one's own machine.
    /// </summary>
    public bool SecureCookies { get; set; } = true;

    /// <summary>
    /// Where the seeker page's quick exit goes: a neutral site that looks like ordinary browsing.
    /// </summary>
    public string QuickExitUrl { get; set; } = "https://www.google.com/search?q=s%C3%A4%C3%A4";

    /// <summary>
    /// Pages on other origins allowed to connect to the hubs (for example "https://www.example.fi"
    /// when the chat is embedded there). The web front's own origin is always allowed.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>How many hub calls one connection may make per second, on average.</summary>
    public double CallsPerSecond { get; set; } = 3;

    /// <summary>How many hub calls one connection may make in a burst.</summary>
    public int CallBurst { get; set; } = 30;
}
