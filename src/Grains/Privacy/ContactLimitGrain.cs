using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Nettiturvakoti.Privacy;

internal sealed partial class ContactLimitGrain(
    [PersistentState("contact-limits", StorageNames.Chat)] IPersistentState<ContactLimitGrainState> state,
    IOptions<PrivacyOptions> options,
    TimeProvider time,
    ILogger<ContactLimitGrain> logger) : Grain, IContactLimitGrain
{
    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Key.Length == 0)
        {
            state.State.Key = RandomNumberGenerator.GetBytes(32);
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<DateTimeOffset> LimitAsync(string address, DateTimeOffset until)
    {
        if (string.IsNullOrEmpty(address))
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, "The seeker's address is not known, so no limit can be set.");
        }

        var nextPurge = options.Value.NextPurgeAfter(Now);
        var ends = until < nextPurge ? until : nextPurge;
        var hash = Hash(address);
        if (!state.State.Limits.TryGetValue(hash, out var existing) || existing < ends)
        {
            state.State.Limits[hash] = ends;
        }

        DropExpired();
        await state.WriteStateAsync();
        return state.State.Limits[hash];
    }

    public Task<ContactLimitState> CheckAsync(string? address)
    {
        if (string.IsNullOrEmpty(address) || !state.State.Limits.TryGetValue(Hash(address), out var until) || until <= Now)
        {
            return Task.FromResult(new ContactLimitState(false, null));
        }

        return Task.FromResult(new ContactLimitState(true, until));
    }

    public Task<string> HashAsync(string address) => Task.FromResult(Hash(address));

    public Task<DateTimeOffset> NextPurgeAsync() => Task.FromResult(options.Value.NextPurgeAfter(Now));

    public async Task<int> ReplaceKeyAsync()
    {
        var dropped = state.State.Limits.Count;
        state.State.Key = RandomNumberGenerator.GetBytes(32);
        state.State.Limits.Clear();
        await state.WriteStateAsync();
        LogKeyReplaced(logger, dropped);
        return dropped;
    }

    private string Hash(string address) =>
        Convert.ToBase64String(HMACSHA256.HashData(state.State.Key, Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant())));

    private void DropExpired()
    {
        foreach (var (hash, until) in state.State.Limits)
        {
            if (until <= Now)
            {
                state.State.Limits.Remove(hash);
            }
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Contact-limit key replaced; {Count} limits dropped")]
    private static partial void LogKeyReplaced(ILogger logger, int count);
}
