namespace Nettiturvakoti.Topics;

internal sealed class TopicCatalogGrain(
    [PersistentState("topics", StorageNames.Chat)] IPersistentState<TopicCatalogState> state)
    : Grain, ITopicCatalogGrain
{
    private const int MaxAnswersPerGroup = 20;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            state.State.Options = DefaultTopics.Create();
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task<IReadOnlyList<TopicOption>> GetOptionsAsync(bool includeRetired = false) =>
        Task.FromResult<IReadOnlyList<TopicOption>>([.. state.State.Options.Where(o => includeRetired || !o.Retired)]);

    public async Task<TopicOption> SaveOptionAsync(TopicOption answer)
    {
        Require(answer.Id is { Length: >= 1 and <= 40 } && answer.Id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'),
            "An answer id is 1 to 40 lower-case letters, digits and '-'.");
        Require(Enum.IsDefined(answer.Group), "Unknown question.");
        Require(answer.Names is not null && answer.Names.TryGetValue("fi", out var fi) && !string.IsNullOrWhiteSpace(fi)
            && answer.Names.All(n => Queues.ChatRules.KnownLanguages.Contains(n.Key) && n.Value is { Length: > 0 and <= 100 }),
            "An answer needs a Finnish name, and names of 1 to 100 characters in fi, sv or en.");
        var index = state.State.Options.FindIndex(o => o.Id == answer.Id);
        if (index >= 0)
        {
            Require(state.State.Options[index].Group == answer.Group, "An answer cannot move to another question.");
            state.State.Options[index] = answer;
        }
        else
        {
            Require(state.State.Options.Count(o => o.Group == answer.Group) < MaxAnswersPerGroup, "Too many answers for one question.");
            state.State.Options.Add(answer);
        }

        await state.WriteStateAsync();
        return answer;
    }

    public Task ValidateAsync(ClosingForm form)
    {
        Require(form is not null, "A closing form is required.");
        var offered = state.State.Options.Where(o => !o.Retired).ToDictionary(o => o.Id, o => o.Group);
        Require(offered.TryGetValue(form!.SeekerRole ?? "", out var role) && role == TopicGroup.SeekerRole,
            "Choose who the seeker is.");
        Check(form.ViolenceForms, TopicGroup.ViolenceForm);
        Check(form.Relationships, TopicGroup.Relationship);
        Check(form.Discussed, TopicGroup.Discussed);
        return Task.CompletedTask;

        void Check(IReadOnlyList<string>? chosen, TopicGroup group) =>
            Require(chosen is not null && chosen.Count <= MaxAnswersPerGroup && chosen.Distinct().Count() == chosen.Count
                && chosen.All(id => offered.TryGetValue(id, out var g) && g == group),
                $"Unknown or repeated answers for {group}.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, message);
        }
    }
}
