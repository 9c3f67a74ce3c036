namespace Nettiturvakoti.Queues;

/// <summary>
/// Reads a chat's hours: which openings fall on which dates, and whether the chat is open at a
/// moment. All hours are Helsinki wall-clock times; the instants they stand for follow the
/// daylight-saving changes of that zone.
/// </summary>
public static class ChatSchedule
{
    private const int LookAheadDays = 120;

    /// <summary>The time zone every chat's hours are kept in.</summary>
    public static TimeZoneInfo Helsinki { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    /// <summary>The Helsinki date at an instant.</summary>
    public static DateOnly DateAt(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Helsinki).DateTime);

    /// <summary>
    /// The chat's opening hours on <paramref name="date"/>: special hours if any, else the weekly ones.
    /// </summary>
    public static IReadOnlyList<TimeRange> HoursOn(ChatDefinition chat, DateOnly date)
    {
        for (var i = chat.SpecialHours.Count - 1; i >= 0; i--)
        {
            var special = chat.SpecialHours[i];
            if (special.From <= date && date <= special.To)
            {
                return special.Hours;
            }
        }

        var hours = new List<TimeRange>(2);
        foreach (var period in chat.WeeklyHours)
        {
            if (period.Day == date.DayOfWeek)
            {
                hours.Add(new TimeRange(period.Opens, period.Closes));
            }
        }

        return hours;
    }

    /// <summary>
    /// The chat's openings on <paramref name="days"/> dates from <paramref name="from"/>, in order;
    /// openings that touch are joined into one.
    /// </summary>
    public static IReadOnlyList<OpeningSession> Sessions(ChatDefinition chat, DateOnly from, int days) =>
        [.. SessionsBetween(chat, from, from.AddDays(days))];

    /// <summary>Whether the chat is open at <paramref name="now"/>, until when, and when it next opens.</summary>
    public static ChatHoursState StateAt(ChatDefinition chat, DateTimeOffset now)
    {
        if (chat.Retired)
        {
            return new ChatHoursState(ChatOpenness.Closed, null, null, null);
        }

        // Walked lazily: the answer is nearly always in the first day or two, and a queue asks on
        // every change it publishes.
        var today = DateAt(now);
        foreach (var session in SessionsBetween(chat, today.AddDays(-1), today.AddDays(LookAheadDays - 1)))
        {
            if (session.Closes <= now)
            {
                continue;
            }

            if (session.Opens > now)
            {
                return new ChatHoursState(ChatOpenness.Closed, null, null, session.Opens);
            }

            var admitsUntil = session.Closes - TimeSpan.FromMinutes(chat.AdmissionCutoffMinutes);
            var openness = now < admitsUntil ? ChatOpenness.Open : ChatOpenness.ClosingSoon;
            return new ChatHoursState(openness, session.Closes, admitsUntil, null);
        }

        return new ChatHoursState(ChatOpenness.Closed, null, null, null);
    }

    // The openings from one date up to another, joined where they touch, produced one at a time:
    // an opening is given out once the next one is known not to continue it.
    private static IEnumerable<OpeningSession> SessionsBetween(ChatDefinition chat, DateOnly from, DateOnly until)
    {
        OpeningSession? pending = null;
        for (var date = from; date < until; date = date.AddDays(1))
        {
            TimeRange[] ranges = [.. HoursOn(chat, date)];
            Array.Sort(ranges, static (a, b) => a.Opens.CompareTo(b.Opens));
            foreach (var range in ranges)
            {
                var opens = ToInstant(date, range.Opens);
                var closes = range.Closes == TimeOnly.MinValue
                    ? ToInstant(date.AddDays(1), TimeOnly.MinValue)
                    : ToInstant(date, range.Closes);
                if (closes <= opens)
                {
                    continue;
                }

                if (pending is not null && pending.Closes >= opens)
                {
                    pending = pending with { Closes = closes > pending.Closes ? closes : pending.Closes };
                    continue;
                }

                if (pending is not null)
                {
                    yield return pending;
                }

                pending = new OpeningSession(opens, closes);
            }
        }

        if (pending is not null)
        {
            yield return pending;
        }
    }

    /// <summary>
    /// The instant a Helsinki wall-clock time stands for. A time skipped by the spring change is
    /// taken as the first valid moment after it; a time repeated by the autumn change as its
    /// first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (Helsinki.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = Helsinki.IsAmbiguousTime(local)
            ? Helsinki.GetAmbiguousTimeOffsets(local).Max()
            : Helsinki.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
