namespace Nettiturvakoti.Queues;

/// <summary>The Finnish public holidays and eves on which the chats are closed by default.</summary>
public static class FinnishHolidays
{
    /// <summary>The holidays of <paramref name="year"/>, each with its Finnish name.</summary>
    public static IReadOnlyList<(DateOnly Date, string Name)> Of(int year)
    {
        var easter = EasterSunday(year);
        var midsummerEve = Enumerable.Range(19, 7).Select(d => new DateOnly(year, 6, d)).First(d => d.DayOfWeek == DayOfWeek.Friday);
        var allSaints = Enumerable.Range(0, 7).Select(d => new DateOnly(year, 10, 31).AddDays(d)).First(d => d.DayOfWeek == DayOfWeek.Saturday);
        return
        [
            (new DateOnly(year, 1, 1), "Uudenvuodenpäivä"),
            (new DateOnly(year, 1, 6), "Loppiainen"),
            (easter.AddDays(-2), "Pitkäperjantai"),
            (easter, "Pääsiäispäivä"),
            (easter.AddDays(1), "2. pääsiäispäivä"),
            (new DateOnly(year, 5, 1), "Vappu"),
            (easter.AddDays(39), "Helatorstai"),
            (easter.AddDays(49), "Helluntaipäivä"),
            (midsummerEve, "Juhannusaatto"),
            (midsummerEve.AddDays(1), "Juhannuspäivä"),
            (allSaints, "Pyhäinpäivä"),
            (new DateOnly(year, 12, 6), "Itsenäisyyspäivä"),
            (new DateOnly(year, 12, 24), "Jouluaatto"),
            (new DateOnly(year, 12, 25), "Joulupäivä"),
            (new DateOnly(year, 12, 26), "Tapaninpäivä"),
        ];
    }

    /// <summary>The holidays of <paramref name="year"/> as dates on which the chats are closed.</summary>
    public static IEnumerable<SpecialHours> AsSpecialHours(int year) =>
        Of(year).Select(h => new SpecialHours(h.Date, h.Date, [], h.Name));

    // Easter Sunday in the Gregorian calendar, by the usual computus.
    private static DateOnly EasterSunday(int year)
    {
        var golden = year % 19;
        var century = year / 100;
        var skipped = century / 4;
        var correction = (century - ((century + 8) / 25) + 1) / 3;
        var epact = ((19 * golden) + century - skipped - correction + 15) % 30;
        var weekday = (32 + (2 * (century % 4)) + (2 * ((year % 100) / 4)) - epact - ((year % 100) % 4)) % 7;
        var shift = (golden + (11 * epact) + (22 * weekday)) / 451;
        var month = (epact + weekday - (7 * shift) + 114) / 31;
        var day = ((epact + weekday - (7 * shift) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
