using Microsoft.Extensions.Options;

namespace Nettiturvakoti.Privacy;

internal sealed class StartRateGrain(IOptions<ChatOptions> options, TimeProvider time) : Grain, IStartRateGrain
{
    private readonly Queue<DateTimeOffset> _starts = new();

    public Task<bool> TryStartAsync()
    {
        var now = time.GetUtcNow();
        while (_starts.Count > 0 && now - _starts.Peek() >= options.Value.StartWindow)
        {
            _starts.Dequeue();
        }

        if (_starts.Count >= options.Value.StartsPerWindow)
        {
            return Task.FromResult(false);
        }

        _starts.Enqueue(now);
        return Task.FromResult(true);
    }
}
