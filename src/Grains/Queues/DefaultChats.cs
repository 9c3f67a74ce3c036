namespace Nettiturvakoti.Queues;

/// <summary>
/// The chats a new installation starts with, their hours, and the Finnish public holidays of
/// this year and the next, on which they are closed.
/// </summary>
internal static class DefaultChats
{
    public static List<ChatDefinition> Create(int year)
    {
        IReadOnlyList<SpecialHours> holidays =
            [.. FinnishHolidays.AsSpecialHours(year), .. FinnishHolidays.AsSpecialHours(year + 1)];
        return
        [
            new("fi",
                new Dictionary<string, string>
                {
                    ["fi"] = "Chat väkivallasta",
                    ["sv"] = "Chatt om våld (på finska)",
                    ["en"] = "Chat about violence (in Finnish)",
                },
                ["fi"],
                RequiresQualification: false,
                [.. Weekdays(12, 18), new OpeningPeriod(DayOfWeek.Saturday, new TimeOnly(14, 0), new TimeOnly(17, 0))],
                holidays),
            new("youth",
                new Dictionary<string, string>
                {
                    ["fi"] = "Lasten ja nuorten chat (alle 18-vuotiaille)",
                    ["sv"] = "Chatt för barn och unga (under 18 år)",
                    ["en"] = "Chat for children and young people (under 18)",
                },
                ["fi"],
                RequiresQualification: true,
                Weekdays(15, 18),
                holidays),
            new("sv",
                new Dictionary<string, string>
                {
                    ["fi"] = "Ruotsinkielinen chat",
                    ["sv"] = "Chatt på svenska",
                    ["en"] = "Chat in Swedish",
                },
                ["sv"],
                RequiresQualification: true,
                [new OpeningPeriod(DayOfWeek.Thursday, new TimeOnly(12, 0), new TimeOnly(14, 0))],
                holidays),
        ];
    }

    private static List<OpeningPeriod> Weekdays(int opens, int closes) =>
    [
        .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new OpeningPeriod(day, new TimeOnly(opens, 0), new TimeOnly(closes, 0))),
    ];
}
