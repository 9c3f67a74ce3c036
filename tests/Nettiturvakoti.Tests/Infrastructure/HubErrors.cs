using Microsoft.AspNetCore.SignalR;

namespace Nettiturvakoti.Tests.Infrastructure;

public static class HubErrors
{
    /// <summary>Asserts the call fails with a hub error carrying <paramref name="code"/>.</summary>
    public static async Task<HubException> AssertCodeAsync(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        Assert.Contains($"HubException: {code}: ", error.Message, StringComparison.Ordinal);
        return error;
    }
}
