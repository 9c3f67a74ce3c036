using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Nettiturvakoti.Queues;

namespace Nettiturvakoti.WebFront.Pages.Supervisor;

public sealed class ChatModel(IGrainFactory grains, TimeProvider time) : SupervisorPageModel(grains)
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty] public string? NewId { get; set; }
    [BindProperty] public string? NameFi { get; set; }
    [BindProperty] public string? NameSv { get; set; }
    [BindProperty] public string? NameEn { get; set; }
    [BindProperty] public List<string> Languages { get; set; } = ["fi"];
    [BindProperty] public bool RequiresQualification { get; set; }
    [BindProperty] public int Cutoff { get; set; } = 15;
    [BindProperty] public int Cap { get; set; } = 30;
    [BindProperty] public Dictionary<DayOfWeek, List<RangeInput>> Week { get; set; } = [];
    [BindProperty] public List<SpecialInput> Special { get; set; } = [];

    public bool IsNew => Id == "new";

    public bool Retired { get; private set; }

    public Dictionary<DayOfWeek, List<TimeRange>> Weekly { get; } = [];

    public List<SpecialHours> Specials { get; } = [];

    public List<(DateOnly Date, List<string> Sessions)> Preview { get; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (IsNew)
        {
            return Page();
        }

        var chat = await Grains.GetGrain<IChatCatalogGrain>(0).FindAsync(Id);
        if (chat is null)
        {
            return NotFound();
        }

        Show(chat);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var catalog = Grains.GetGrain<IChatCatalogGrain>(0);
        var existing = IsNew ? null : await catalog.FindAsync(Id);
        try
        {
            var chat = new ChatDefinition(
                IsNew ? (NewId ?? "").Trim() : Id,
                Names(),
                Languages,
                RequiresQualification,
                [.. Week.SelectMany(d => d.Value.Where(r => r.Opens is not null && r.Closes is not null)
                    .Select(r => new OpeningPeriod(d.Key, r.Opens!.Value, r.Closes!.Value)))],
                [.. Special.Where(s => !s.Remove && s.From is not null).Select(s => s.ToSpecialHours())],
                Cutoff,
                Cap,
                existing?.Retired ?? false);
            if (IsNew && await catalog.FindAsync(chat.Id) is not null)
            {
                throw new ChatRuleException(ErrorCodes.BadRequest, "A chat with that id exists already.");
            }

            Show(await catalog.SaveChatAsync(chat));
            Id = chat.Id;
            Message = "Saved. Seekers' pages show the change within ten seconds.";
        }
        catch (ChatRuleException error)
        {
            Error = error.Message;
            if (existing is not null)
            {
                Show(existing);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRetireAsync()
    {
        await Grains.GetGrain<IChatCatalogGrain>(0).RetireChatAsync(Id);
        return Redirect("/supervisor/chats");
    }

    private Dictionary<string, string> Names()
    {
        var names = new Dictionary<string, string>();
        foreach (var (language, name) in new[] { ("fi", NameFi), ("sv", NameSv), ("en", NameEn) })
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                names[language] = name.Trim();
            }
        }

        return names;
    }

    private void Show(ChatDefinition chat)
    {
        NameFi = chat.Names.GetValueOrDefault("fi");
        NameSv = chat.Names.GetValueOrDefault("sv");
        NameEn = chat.Names.GetValueOrDefault("en");
        Languages = [.. chat.Languages];
        RequiresQualification = chat.RequiresQualification;
        Cutoff = chat.AdmissionCutoffMinutes;
        Cap = chat.QueueCap;
        Retired = chat.Retired;
        Weekly.Clear();
        foreach (var period in chat.WeeklyHours.OrderBy(p => p.Opens))
        {
            (Weekly.TryGetValue(period.Day, out var list) ? list : Weekly[period.Day] = []).Add(new TimeRange(period.Opens, period.Closes));
        }

        Specials.Clear();
        Specials.AddRange(chat.SpecialHours);
        Preview.Clear();
        var today = ChatSchedule.DateAt(time.GetUtcNow());
        var sessions = ChatSchedule.Sessions(chat with { Retired = false }, today, 14);
        for (var date = today; date < today.AddDays(14); date = date.AddDays(1))
        {
            var day = date;
            Preview.Add((date, [.. sessions
                .Where(s => ChatSchedule.DateAt(s.Opens) == day)
                .Select(s => $"{TimeZoneInfo.ConvertTime(s.Opens, ChatSchedule.Helsinki):HH:mm}–{TimeZoneInfo.ConvertTime(s.Closes, ChatSchedule.Helsinki):HH:mm}")]));
        }
    }

    /// <summary>One opening of a weekday as the form sends it.</summary>
    public sealed class RangeInput
    {
        public TimeOnly? Opens { get; set; }

        public TimeOnly? Closes { get; set; }
    }

    /// <summary>One row of special dates as the form sends it.</summary>
    public sealed class SpecialInput
    {
        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }

        public string? Hours { get; set; }

        public string? Note { get; set; }

        public bool Remove { get; set; }

        public SpecialHours ToSpecialHours()
        {
            var ranges = new List<TimeRange>();
            foreach (var part in (Hours ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var ends = part.Split('-', StringSplitOptions.TrimEntries);
                if (ends.Length != 2
                    || !TimeOnly.TryParseExact(ends[0], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
                    || !TimeOnly.TryParseExact(ends[1], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes))
                {
                    throw new ChatRuleException(ErrorCodes.BadRequest, $"Hours are written like 12:00-18:00; “{part}” is not.");
                }

                ranges.Add(new TimeRange(opens, closes));
            }

            return new SpecialHours(From!.Value, To ?? From!.Value, ranges, Note?.Trim() ?? "");
        }
    }
}
