using Nettiturvakoti.Queues;

namespace Nettiturvakoti.Tests.Schedule;

/// <summary>
/// Opening hours in Helsinki time: whole weeks of the service's chats, holidays, special dates,
/// the admission cutoff and both daylight-saving switch days.
/// </summary>
public sealed class ChatScheduleTests
{
    private static readonly IReadOnlyList<ChatDefinition> Defaults = DefaultChatsFor(2027);

    public static TheoryData<string, DayOfWeek, int, int> WeeklyHours() => new()
    {
        // Finnish chat: weekdays 12-18, Saturdays 14-17.
        { "fi", DayOfWeek.Monday, 12, 18 }, { "fi", DayOfWeek.Tuesday, 12, 18 }, { "fi", DayOfWeek.Wednesday, 12, 18 },
        { "fi", DayOfWeek.Thursday, 12, 18 }, { "fi", DayOfWeek.Friday, 12, 18 }, { "fi", DayOfWeek.Saturday, 14, 17 },
        { "fi", DayOfWeek.Sunday, 0, 0 },

        // Children and youth chat: weekdays 15-18.
        { "youth", DayOfWeek.Monday, 15, 18 }, { "youth", DayOfWeek.Friday, 15, 18 },
        { "youth", DayOfWeek.Saturday, 0, 0 }, { "youth", DayOfWeek.Sunday, 0, 0 },

        // Swedish chat: Thursdays 12-14.
        { "sv", DayOfWeek.Wednesday, 0, 0 }, { "sv", DayOfWeek.Thursday, 12, 14 }, { "sv", DayOfWeek.Friday, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(WeeklyHours))]
    public void OrdinaryWeek_EveryHourOfTheDay_OpenExactlyInTheChatsHours(string chatId, DayOfWeek day, int opens, int closes)
    {
        var chat = Defaults.Single(c => c.Id == chatId) with { AdmissionCutoffMinutes = 0 };
        var date = new DateOnly(2027, 1, 11).AddDays(((int)day + 6) % 7); // the week of Monday 11 January 2027

        for (var hour = 0; hour < 24; hour++)
        {
            var at = ChatSchedule.ToInstant(date, new TimeOnly(hour, 30));
            var expected = hour >= opens && hour < closes ? ChatOpenness.Open : ChatOpenness.Closed;
            Assert.True(expected == ChatSchedule.StateAt(chat, at).Openness, $"{chatId} on {day} at {hour}:30 should be {expected}");
        }
    }

    [Fact]
    public void Winter_HelsinkiIsTwoHoursAheadOfUtc()
    {
        var fi = Defaults.Single(c => c.Id == "fi");

        var sessions = ChatSchedule.Sessions(fi, new DateOnly(2027, 1, 11), 1);

        Assert.Equal(new DateTimeOffset(2027, 1, 11, 10, 0, 0, TimeSpan.Zero), Assert.Single(sessions).Opens);
    }

    [Fact]
    public void Closed_NextOpeningIsTheNextSessionAcrossTheWeekend()
    {
        var youth = Defaults.Single(c => c.Id == "youth");
        var fridayEvening = ChatSchedule.ToInstant(new DateOnly(2027, 1, 15), new TimeOnly(19, 0));

        var state = ChatSchedule.StateAt(youth, fridayEvening);

        Assert.Equal(ChatOpenness.Closed, state.Openness);
        Assert.Equal(ChatSchedule.ToInstant(new DateOnly(2027, 1, 18), new TimeOnly(15, 0)), state.NextOpensAt);
    }

    [Fact]
    public void ChristmasHolidays_ClosedOnEveryHolidayAndOpensAfter()
    {
        var fi = DefaultChatsFor(2026).Single(c => c.Id == "fi");
        var christmasEveNoon = ChatSchedule.ToInstant(new DateOnly(2026, 12, 24), new TimeOnly(13, 0));

        var state = ChatSchedule.StateAt(fi, christmasEveNoon);

        Assert.Equal(ChatOpenness.Closed, state.Openness);
        Assert.Equal(ChatSchedule.ToInstant(new DateOnly(2026, 12, 28), new TimeOnly(12, 0)), state.NextOpensAt);
        Assert.Empty(ChatSchedule.Sessions(fi, new DateOnly(2026, 12, 24), 4));
    }

    [Fact]
    public void HolidayRange_SupervisorClosesAWeek_NoSessionsInIt()
    {
        var fi = Defaults.Single(c => c.Id == "fi");
        var summerBreak = fi with
        {
            SpecialHours = [.. fi.SpecialHours, new SpecialHours(new DateOnly(2027, 7, 5), new DateOnly(2027, 7, 11), [], "summer break")],
        };

        Assert.Empty(ChatSchedule.Sessions(summerBreak, new DateOnly(2027, 7, 5), 7));
        Assert.Equal(6, ChatSchedule.Sessions(summerBreak, new DateOnly(2027, 7, 12), 7).Count);
    }

    [Fact]
    public void SpecialEvening_ReplacesThatDaysHoursOnly()
    {
        var fi = Defaults.Single(c => c.Id == "fi");
        var evening = fi with
        {
            SpecialHours = [new SpecialHours(
                new DateOnly(2027, 1, 14), new DateOnly(2027, 1, 14), [new TimeRange(new TimeOnly(18, 0), new TimeOnly(21, 0))], "theme evening")],
        };

        var noon = ChatSchedule.StateAt(evening, ChatSchedule.ToInstant(new DateOnly(2027, 1, 14), new TimeOnly(13, 0)));
        var night = ChatSchedule.StateAt(evening, ChatSchedule.ToInstant(new DateOnly(2027, 1, 14), new TimeOnly(20, 0)));
        var nextDay = ChatSchedule.StateAt(evening, ChatSchedule.ToInstant(new DateOnly(2027, 1, 15), new TimeOnly(13, 0)));

        Assert.Equal(ChatOpenness.Closed, noon.Openness);
        Assert.Equal(ChatSchedule.ToInstant(new DateOnly(2027, 1, 14), new TimeOnly(18, 0)), noon.NextOpensAt);
        Assert.Equal(ChatOpenness.Open, night.Openness);
        Assert.Equal(ChatOpenness.Open, nextDay.Openness);
    }

    [Fact]
    public void AdmissionCutoff_ClosingSoonBeforeClosingThenClosed()
    {
        var fi = Defaults.Single(c => c.Id == "fi") with { AdmissionCutoffMinutes = 15 };
        var day = new DateOnly(2027, 1, 13);

        Assert.Equal(ChatOpenness.Open, ChatSchedule.StateAt(fi, ChatSchedule.ToInstant(day, new TimeOnly(17, 44))).Openness);
        var soon = ChatSchedule.StateAt(fi, ChatSchedule.ToInstant(day, new TimeOnly(17, 45)));
        Assert.Equal(ChatOpenness.ClosingSoon, soon.Openness);
        Assert.Equal(ChatSchedule.ToInstant(day, new TimeOnly(18, 0)), soon.ClosesAt);
        Assert.Equal(ChatOpenness.Closed, ChatSchedule.StateAt(fi, ChatSchedule.ToInstant(day, new TimeOnly(18, 0))).Openness);
    }

    [Fact]
    public void SpringForward_OffsetChangesAndTheSkippedHourIsSkipped()
    {
        // On Sunday 28 March 2027 Helsinki clocks go from 03:00 straight to 04:00.
        var fi = Defaults.Single(c => c.Id == "fi");
        var night = fi with
        {
            SpecialHours = [new SpecialHours(
                new DateOnly(2027, 3, 28), new DateOnly(2027, 3, 28), [new TimeRange(new TimeOnly(3, 30), new TimeOnly(5, 0))], "night")],
        };

        var saturday = Assert.Single(ChatSchedule.Sessions(fi, new DateOnly(2027, 3, 27), 1));
        var switchDay = Assert.Single(ChatSchedule.Sessions(night, new DateOnly(2027, 3, 28), 1));
        var tuesday = Assert.Single(ChatSchedule.Sessions(fi, new DateOnly(2027, 3, 30), 1)); // Monday is Easter Monday

        Assert.Equal(new DateTimeOffset(2027, 3, 27, 12, 0, 0, TimeSpan.Zero), saturday.Opens);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero), switchDay.Opens);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 2, 0, 0, TimeSpan.Zero), switchDay.Closes);
        Assert.Equal(new DateTimeOffset(2027, 3, 30, 9, 0, 0, TimeSpan.Zero), tuesday.Opens);
        Assert.Empty(ChatSchedule.Sessions(fi, new DateOnly(2027, 3, 29), 1));
        Assert.Equal(ChatOpenness.Open, ChatSchedule.StateAt(night, new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero)).Openness);
        Assert.Equal(ChatOpenness.Closed, ChatSchedule.StateAt(night, new DateTimeOffset(2027, 3, 28, 0, 59, 0, TimeSpan.Zero)).Openness);
    }

    [Fact]
    public void FallBack_OffsetChangesAndTheRepeatedHourCountsOnce()
    {
        // On Sunday 31 October 2027 Helsinki clocks go from 04:00 back to 03:00.
        var fi = Defaults.Single(c => c.Id == "fi");
        var night = fi with
        {
            SpecialHours = [new SpecialHours(
                new DateOnly(2027, 10, 31), new DateOnly(2027, 10, 31), [new TimeRange(new TimeOnly(3, 30), new TimeOnly(5, 0))], "night")],
        };

        var saturday = Assert.Single(ChatSchedule.Sessions(fi, new DateOnly(2027, 10, 30), 1));
        var switchDay = Assert.Single(ChatSchedule.Sessions(night, new DateOnly(2027, 10, 31), 1));
        var monday = Assert.Single(ChatSchedule.Sessions(fi, new DateOnly(2027, 11, 1), 1));

        Assert.Equal(new DateTimeOffset(2027, 10, 30, 11, 0, 0, TimeSpan.Zero), saturday.Opens);
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), switchDay.Opens);
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 3, 0, 0, TimeSpan.Zero), switchDay.Closes);
        Assert.Equal(TimeSpan.FromHours(2.5), switchDay.Closes - switchDay.Opens);
        Assert.Equal(new DateTimeOffset(2027, 11, 1, 10, 0, 0, TimeSpan.Zero), monday.Opens);
    }

    [Fact]
    public void FinnishHolidays_MovableFeastsFallOnTheRightDays()
    {
        var holidays = FinnishHolidays.Of(2027).ToDictionary(h => h.Name, h => h.Date);

        Assert.Equal(new DateOnly(2027, 3, 26), holidays["Pitkäperjantai"]);
        Assert.Equal(new DateOnly(2027, 3, 28), holidays["Pääsiäispäivä"]);
        Assert.Equal(new DateOnly(2027, 5, 6), holidays["Helatorstai"]);
        Assert.Equal(new DateOnly(2027, 6, 25), holidays["Juhannusaatto"]);
        Assert.Equal(new DateOnly(2027, 11, 6), holidays["Pyhäinpäivä"]);
        Assert.Equal(new DateOnly(2026, 4, 5), FinnishHolidays.Of(2026).Single(h => h.Name == "Pääsiäispäivä").Date);
    }

    [Fact]
    public void NightShift_OpeningsThatTouchAcrossMidnightAreOneSession()
    {
        var night = Defaults.Single(c => c.Id == "fi") with
        {
            AdmissionCutoffMinutes = 0,
            WeeklyHours =
            [
                new OpeningPeriod(DayOfWeek.Friday, new TimeOnly(22, 0), TimeOnly.MinValue),
                new OpeningPeriod(DayOfWeek.Saturday, new TimeOnly(0, 0), new TimeOnly(2, 0)),
                new OpeningPeriod(DayOfWeek.Saturday, new TimeOnly(20, 0), new TimeOnly(21, 0)),
            ],
            SpecialHours = [],
        };
        var friday = new DateOnly(2027, 1, 15);
        var saturday = friday.AddDays(1);

        var lateFriday = ChatSchedule.StateAt(night, ChatSchedule.ToInstant(friday, new TimeOnly(23, 30)));
        var earlySaturday = ChatSchedule.StateAt(night, ChatSchedule.ToInstant(saturday, new TimeOnly(1, 0)));
        var saturdayMorning = ChatSchedule.StateAt(night, ChatSchedule.ToInstant(saturday, new TimeOnly(9, 0)));

        Assert.Equal(ChatOpenness.Open, lateFriday.Openness);
        Assert.Equal(ChatSchedule.ToInstant(saturday, new TimeOnly(2, 0)), lateFriday.ClosesAt);
        Assert.Equal(lateFriday, earlySaturday);
        Assert.Equal(ChatOpenness.Closed, saturdayMorning.Openness);
        Assert.Equal(ChatSchedule.ToInstant(saturday, new TimeOnly(20, 0)), saturdayMorning.NextOpensAt);
        Assert.Equal(
            [
                new OpeningSession(At(friday, 22), At(saturday, 2)),
                new OpeningSession(At(saturday, 20), At(saturday, 21)),
            ],
            ChatSchedule.Sessions(night, friday, 2));

        static DateTimeOffset At(DateOnly date, int hour) => ChatSchedule.ToInstant(date, new TimeOnly(hour, 0));
    }

    [Fact]
    public void Retired_ClosedWithNoNextOpening()
    {
        var state = ChatSchedule.StateAt(Defaults[0] with { Retired = true }, new DateTimeOffset(2027, 1, 13, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new ChatHoursState(ChatOpenness.Closed, null, null, null), state);
    }

    private static List<ChatDefinition> DefaultChatsFor(int year) => DefaultChats.Create(year);
}
