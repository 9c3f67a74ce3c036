namespace Nettiturvakoti.Topics;

/// <summary>
/// The answers the closing form offers, one for the whole cluster (key 0). Starts with the
/// service's categories; supervisors add, rename and retire answers.
/// </summary>
public interface ITopicCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>The answers, retired ones only when <paramref name="includeRetired"/>.</summary>
    Task<IReadOnlyList<TopicOption>> GetOptionsAsync(bool includeRetired = false);

    /// <summary>
    /// Adds an answer or replaces the one with the same id. Throws <see cref="ErrorCodes.BadRequest"/>
    /// for a malformed one (or one that would move an existing id to another question).
    /// </summary>
    Task<TopicOption> SaveOptionAsync(TopicOption answer);

    /// <summary>
    /// Checks a form against the offered answers: exactly one seeker role and only known,
    /// offered ids. Throws <see cref="ErrorCodes.BadRequest"/> otherwise.
    /// </summary>
    Task ValidateAsync(ClosingForm form);
}
