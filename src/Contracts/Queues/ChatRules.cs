namespace Nettiturvakoti.Queues;

/// <summary>What a chat definition must be like to be saved.</summary>
public static class ChatRules
{
    /// <summary>The languages a chat can be held in and named in.</summary>
    public static readonly IReadOnlyList<string> KnownLanguages = ["fi", "sv", "en"];

    /// <summary>Throws <see cref="ErrorCodes.BadRequest"/> with the first problem found.</summary>
    public static void Check(ChatDefinition chat)
    {
        Require(chat.Id is { Length: >= 1 and <= 32 } && chat.Id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'),
            "A chat id is 1 to 32 lower-case letters, digits and '-'.");
        Require(chat.Names is not null && chat.Names.TryGetValue("fi", out var fi) && !string.IsNullOrWhiteSpace(fi),
            "A chat needs at least a Finnish name.");
        Require(chat.Names!.All(n => KnownLanguages.Contains(n.Key) && n.Value is { Length: > 0 and <= 100 }),
            "Names are given for fi, sv or en, each 1 to 100 characters.");
        Require(chat.Languages is { Count: > 0 } && chat.Languages.All(KnownLanguages.Contains),
            "A chat is held in at least one of fi, sv, en.");
        Require(chat.WeeklyHours is not null && chat.WeeklyHours.Count <= 50 && chat.WeeklyHours.All(p => IsRange(p.Opens, p.Closes)),
            "Each weekly opening must close after it opens.");
        Require(chat.SpecialHours is not null && chat.SpecialHours.Count <= 400,
            "At most 400 special date ranges.");
        foreach (var special in chat.SpecialHours!)
        {
            Require(special.From <= special.To && special.To.DayNumber - special.From.DayNumber <= 366,
                "A special date range runs forward and lasts at most a year.");
            Require(special.Hours is not null && special.Hours.Count <= 10 && special.Hours.All(r => IsRange(r.Opens, r.Closes)),
                "Special hours must each close after they open.");
            Require(special.Note is not null && special.Note.Length <= 200, "A note is at most 200 characters.");
        }

        Require(chat.AdmissionCutoffMinutes is >= 0 and <= 240, "The admission cutoff is 0 to 240 minutes.");
        Require(chat.QueueCap is >= 1 and <= 100_000, "The queue cap is 1 to 100000.");
    }

    private static bool IsRange(TimeOnly opens, TimeOnly closes) => closes == TimeOnly.MinValue || closes > opens;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, message);
        }
    }
}
