namespace Nettiturvakoti.Privacy;

/// <summary>The <c>Privacy</c> configuration section: when IP data is purged and how long chat text is kept.</summary>
public sealed class PrivacyOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Privacy";

    /// <summary>The day of the month the purge runs (1 to 28), Helsinki time.</summary>
    public int PurgeDayOfMonth { get; set; } = 1;

    /// <summary>The time of day the purge runs, Helsinki time.</summary>
    public TimeOnly PurgeTimeOfDay { get; set; } = new(3, 0);

    /// <summary>
    /// How long a chat's text is kept after it ends (0 to 24 hours): none by default, so the
    /// text is deleted as the chat ends.
    /// </summary>
    public TimeSpan TranscriptGrace { get; set; } = TimeSpan.Zero;

    /// <summary>The first purge moment after <paramref name="now"/>.</summary>
    public DateTimeOffset NextPurgeAfter(DateTimeOffset now)
    {
        var day = Math.Clamp(PurgeDayOfMonth, 1, 28);
        var today = Queues.ChatSchedule.DateAt(now);
        var candidate = new DateOnly(today.Year, today.Month, day);
        for (var i = 0; i < 3; i++, candidate = candidate.AddMonths(1))
        {
            var at = Queues.ChatSchedule.ToInstant(candidate, PurgeTimeOfDay);
            if (at > now)
            {
                return at;
            }
        }

        throw new InvalidOperationException("No purge date found.");
    }

    /// <summary>The last purge moment at or before <paramref name="now"/>.</summary>
    public DateTimeOffset LastPurgeAtOrBefore(DateTimeOffset now)
    {
        var next = NextPurgeAfter(now);
        var date = Queues.ChatSchedule.DateAt(next).AddMonths(-1);
        return Queues.ChatSchedule.ToInstant(date, PurgeTimeOfDay);
    }
}
