using Nettiturvakoti.Queues;

namespace Nettiturvakoti.Tests.Grains;

/// <summary>Chats made for one test, so that no other test's seekers wait in them.</summary>
public static class TestChats
{
    public static readonly IReadOnlyList<OpeningPeriod> AlwaysOpen =
        [.. Enum.GetValues<DayOfWeek>().Select(d => new OpeningPeriod(d, TimeOnly.MinValue, TimeOnly.MinValue))];

    /// <summary>
    /// A new chat (open around the clock unless <paramref name="weekly"/> says otherwise) that only
    /// counsellors named as serving it can take from.
    /// </summary>
    public static async Task<string> CreateAsync(
        IGrainFactory grains,
        int queueCap = 100,
        IReadOnlyList<OpeningPeriod>? weekly = null,
        IReadOnlyList<SpecialHours>? special = null,
        int cutoffMinutes = 15)
    {
        var id = "t-" + Guid.NewGuid().ToString("N")[..12];
        await grains.GetGrain<IChatCatalogGrain>(0).SaveChatAsync(new ChatDefinition(
            id,
            new Dictionary<string, string> { ["fi"] = "Testikeskustelu " + id },
            ["fi"],
            RequiresQualification: true,
            weekly ?? AlwaysOpen,
            special ?? [],
            cutoffMinutes,
            queueCap));
        return id;
    }
}
