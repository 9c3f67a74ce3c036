using System.Net;

namespace Nettiturvakoti.WebFront.Hosting;

/// <summary>The seeker's IP address as the counsellor is shown it.</summary>
public static class SeekerAddress
{
    /// <summary>
    /// The address of the connection (after trusted proxies' forwarded headers were applied), with
    /// IPv4 addresses carried over IPv6 shown as IPv4.
    /// </summary>
    public static string? Of(HttpContext? context)
    {
        var address = context?.Connection.RemoteIpAddress;
        if (address is null)
        {
            return null;
        }

        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    /// <summary>Parses "203.0.113.7" or "10.0.0.0/8" into a network.</summary>
    public static System.Net.IPNetwork ParseNetwork(string value) =>
        value.Contains('/', StringComparison.Ordinal)
            ? System.Net.IPNetwork.Parse(value)
            : new System.Net.IPNetwork(IPAddress.Parse(value), IPAddress.Parse(value).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
}
