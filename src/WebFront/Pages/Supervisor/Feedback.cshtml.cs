using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Nettiturvakoti.Feedback;
using Nettiturvakoti.Queues;

namespace Nettiturvakoti.WebFront.Pages.Supervisor;

public sealed class FeedbackModel(IGrainFactory grains, TimeProvider time) : SupervisorPageModel(grains)
{
    [BindProperty(SupportsGet = true)]
    public string? Chat { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public IReadOnlyList<ChatDefinition> Chats { get; private set; } = [];

    public IReadOnlyList<FeedbackEntry> Entries { get; private set; } = [];

    public List<(string Month, int Count, double? Average)> Averages { get; } = [];

    public async Task OnGetAsync()
    {
        Chats = await Grains.GetGrain<IChatCatalogGrain>(0).GetChatsAsync(includeRetired: true);
        var chat = Chats.Any(c => c.Id == Chat) ? Chat! : (Chats.Count > 0 ? Chats[0].Id : "");
        Chat = chat;
        var thisMonth = ChatSchedule.DateAt(time.GetUtcNow());
        var month = DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var picked)
            ? picked
            : new DateOnly(thisMonth.Year, thisMonth.Month, 1);
        Month = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var feedback = Grains.GetGrain<IFeedbackGrain>(0);
        Entries = await feedback.ReadAsync(chat, Month);
        for (var back = 11; back >= 0; back--)
        {
            var key = month.AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var entries = key == Month ? Entries : await feedback.ReadAsync(chat, key);
            Averages.Add((key, entries.Count, entries.Count > 0 ? entries.Average(e => e.Rating) : null));
        }
    }
}
