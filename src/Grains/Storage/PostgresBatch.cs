using System.Data.Common;
using System.Text.RegularExpressions;

namespace Nettiturvakoti.Storage;

/// <summary>
/// PostgreSQL's side of the group commit. A batch's writes go to the server in one round trip and
/// commit as one transaction: the server runs what comes before the batch's one synchronisation
/// point as a single implicit transaction, which is on disk before the server answers, or rolls
/// back whole at the first error. An explicit transaction would cost a second round trip for its
/// COMMIT.
/// </summary>
/// <remarks>
/// Each write costs as little garbage as the driver allows: its statement goes with numbered
/// placeholders, translated once from the project's named ones, so the driver has no names to trim
/// and look up and no SQL to rewrite; and its parameter objects are kept from batch to batch and
/// only given new values. Built afresh with named parameters, a message's write came to some
/// 2.5 KB. Not thread-safe: the batcher's one loop uses it.
/// </remarks>
internal sealed partial class PostgresBatch
{
    private readonly Dictionary<string, Statement> _statements = new(StringComparer.Ordinal);

    /// <summary>Runs the writes as one batch; returns the rows each affected.</summary>
    public async Task<int[]> RunAsync(DbConnection connection, IReadOnlyList<(string Sql, SqlArg[] Args)> writes)
    {
        await using var batch = connection.CreateBatch();
        foreach (var statement in _statements.Values)
        {
            statement.Used = 0;
        }

        try
        {
            foreach (var (sql, args) in writes)
            {
                batch.BatchCommands.Add(Command(batch, sql, args));
            }

            await batch.ExecuteNonQueryAsync();
            var affected = new int[writes.Count];
            for (var i = 0; i < affected.Length; i++)
            {
                affected[i] = batch.BatchCommands[i].RecordsAffected;
            }

            return affected;
        }
        finally
        {
            // The parameters go back to their statements for the next batch.
            foreach (DbBatchCommand command in batch.BatchCommands)
            {
                command.Parameters.Clear();
            }
        }
    }

    private DbBatchCommand Command(DbBatch batch, string sql, SqlArg[] args)
    {
        if (!_statements.TryGetValue(sql, out var statement) || !statement.Takes(args))
        {
            _statements[sql] = statement = new Statement(sql, args);
        }

        var command = batch.CreateBatchCommand();
        command.CommandText = statement.Text;
        var parameters = statement.NextParameters(command);
        for (var i = 0; i < args.Length; i++)
        {
            parameters[i].Value = args[i].Value ?? DBNull.Value;
            command.Parameters.Add(parameters[i]);
        }

        return command;
    }

    // A statement as sent, and the parameter objects of each of its writes in one batch.
    private sealed partial class Statement
    {
        private readonly string[] _names;
        private readonly List<DbParameter[]> _parameters = [];

        public Statement(string sql, SqlArg[] args)
        {
            _names = [.. args.Select(arg => arg.Name)];
            Text = Placeholder().Replace(sql, match => Array.IndexOf(_names, match.Value) is var index and >= 0
                ? "$" + (index + 1)
                : throw new ArgumentException($"The statement uses {match.Value}, which no argument gives.", nameof(args)));
        }

        /// <summary>The statement with $1, $2… in place of the names.</summary>
        public string Text { get; }

        /// <summary>How many writes of the current batch use this statement.</summary>
        public int Used { get; set; }

        /// <summary>Whether <paramref name="args"/> name the parameters in the order translated.</summary>
        public bool Takes(SqlArg[] args)
        {
            if (args.Length != _names.Length)
            {
                return false;
            }

            for (var i = 0; i < args.Length; i++)
            {
                if (!string.Equals(args[i].Name, _names[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Parameter objects for the next write of the batch, made the first time they are needed.</summary>
        public DbParameter[] NextParameters(DbBatchCommand command)
        {
            if (Used == _parameters.Count)
            {
                _parameters.Add([.. _names.Select(_ => command.CreateParameter())]);
            }

            return _parameters[Used++];
        }

        [GeneratedRegex("@[A-Za-z_][A-Za-z0-9_]*")]
        private static partial Regex Placeholder();
    }
}
