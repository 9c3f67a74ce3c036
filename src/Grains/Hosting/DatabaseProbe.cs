using Nettiturvakoti.Storage;

namespace Nettiturvakoti.Hosting;

/// <summary>The database half of a host's readiness: does the database answer a trivial query in time?</summary>
public static class DatabaseProbe
{
    /// <summary>How long the database may take to answer before the host counts as not ready.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>Null when the database answered in time, else why not (with no connection details).</summary>
    public static async Task<string?> FailureAsync(ChatDatabase database, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await using var connection = await database.OpenAsync(deadline.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(deadline.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the database did not answer within {Timeout.TotalSeconds:0} s";
        }
        catch (System.Data.Common.DbException error)
        {
            return $"the database refused: {error.GetType().Name}";
        }
    }
}
