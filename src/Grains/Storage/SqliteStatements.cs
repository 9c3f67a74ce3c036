using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Nettiturvakoti.Storage;

/// <summary>
/// The group commit's SQLite statements, each prepared once on the batcher's connection and run
/// through SQLite's own interface. Running a prepared command through Microsoft.Data.Sqlite makes,
/// for every execution, a data reader, an enumerator over the command's statements, a binder for
/// each value and a string for each id: at thousands of writes a second that garbage is a
/// measurable share of a message's cost. Here a write binds its values straight into the
/// statement, steps it and resets it.
/// </summary>
/// <remarks>
/// Values are bound as Microsoft.Data.Sqlite binds them, so that its readers find what is written
/// here: an id as its text in capitals (<c>0F8FAD5B-D9CB-469F-A165-70867728950E</c>), integers and
/// booleans as 64-bit integers, text as text. Not thread-safe: the batcher's loop is its only user.
/// </remarks>
internal sealed class SqliteStatements : IDisposable
{
    private readonly sqlite3 _database;
    private readonly Dictionary<string, Statement> _statements = new(StringComparer.Ordinal);

    public SqliteStatements(SqliteConnection connection)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");

        // Statements run here have no Microsoft.Data.Sqlite retry loop around them: a database
        // another connection is writing must be waited for inside SQLite. The process-wide default
        // gives every connection this wait, but a pooled connection opened before it was installed
        // would answer "database is locked" at once.
        var result = raw.sqlite3_busy_timeout(_database, SqliteConnectionDefaults.BusyTimeoutMilliseconds);
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }

    /// <summary>Runs one statement with <paramref name="args"/>; returns the rows it changed.</summary>
    public int Run(string sql, SqlArg[] args)
    {
        var statement = Prepared(sql, args);
        var handle = statement.Handle;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                Bind(handle, statement.Indexes[i], args[i]);
            }

            int result;
            while ((result = raw.sqlite3_step(handle)) == raw.SQLITE_ROW)
            {
                // A write returns no rows; any that a statement does return are passed over.
            }

            if (result != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(result, _database);
            }

            return raw.sqlite3_changes(_database);
        }
        finally
        {
            raw.sqlite3_reset(handle);
            raw.sqlite3_clear_bindings(handle);
        }
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Handle.Dispose();
        }

        _statements.Clear();
    }

    private Statement Prepared(string sql, SqlArg[] args)
    {
        if (_statements.TryGetValue(sql, out var statement) && statement.Matches(args))
        {
            return statement;
        }

        var result = raw.sqlite3_prepare_v2(_database, sql, out var handle, out var rest);
        if (result != raw.SQLITE_OK)
        {
            handle?.Dispose();
            SqliteException.ThrowExceptionForRC(result, _database);
        }

        try
        {
            if (handle is null || handle.IsInvalid || !string.IsNullOrWhiteSpace(rest?.Trim().TrimStart(';')))
            {
                throw new ArgumentException("A write must be exactly one SQL statement.", nameof(sql));
            }

            statement = new Statement(handle, args.Select(arg => arg.Name).ToArray(), IndexesOf(handle, sql, args));
        }
        catch
        {
            handle?.Dispose();
            throw;
        }

        if (_statements.Remove(sql, out var replaced))
        {
            replaced.Handle.Dispose();
        }

        _statements.Add(sql, statement);
        return statement;
    }

    private static int[] IndexesOf(sqlite3_stmt handle, string sql, SqlArg[] args)
    {
        var count = raw.sqlite3_bind_parameter_count(handle);
        if (count != args.Length)
        {
            throw new ArgumentException(
                $"The statement has {count} parameters and the write gave {args.Length} values: {sql}", nameof(args));
        }

        var indexes = new int[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            indexes[i] = raw.sqlite3_bind_parameter_index(handle, args[i].Name);
            if (indexes[i] == 0)
            {
                throw new ArgumentException($"The statement has no parameter {args[i].Name}: {sql}", nameof(args));
            }
        }

        return indexes;
    }

    private void Bind(sqlite3_stmt handle, int index, SqlArg arg)
    {
        var result = arg.Value switch
        {
            null or DBNull => raw.sqlite3_bind_null(handle, index),
            string text => raw.sqlite3_bind_text16(handle, index, text.AsSpan()),
            Guid id => BindGuid(handle, index, id),
            long number => raw.sqlite3_bind_int64(handle, index, number),
            int number => raw.sqlite3_bind_int64(handle, index, number),
            short number => raw.sqlite3_bind_int64(handle, index, number),
            byte number => raw.sqlite3_bind_int64(handle, index, number),
            bool flag => raw.sqlite3_bind_int64(handle, index, flag ? 1 : 0),
            Enum value => raw.sqlite3_bind_int64(handle, index, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            double number => raw.sqlite3_bind_double(handle, index, number),
            byte[] bytes => raw.sqlite3_bind_blob(handle, index, bytes.AsSpan()),
            var other => throw new ArgumentException(
                $"A write's value {arg.Name} is a {other.GetType().Name}, which the group commit does not store.",
                nameof(arg)),
        };

        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }

    private static int BindGuid(sqlite3_stmt handle, int index, Guid id)
    {
        Span<char> text = stackalloc char[36];
        id.TryFormat(text, out _, "D");
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = char.ToUpperInvariant(text[i]);
        }

        return raw.sqlite3_bind_text16(handle, index, text);
    }

    private sealed class Statement(sqlite3_stmt handle, string[] names, int[] indexes)
    {
        public sqlite3_stmt Handle { get; } = handle;

        public int[] Indexes { get; } = indexes;

        public bool Matches(SqlArg[] args)
        {
            if (args.Length != names.Length)
            {
                return false;
            }

            for (var i = 0; i < args.Length; i++)
            {
                if (!string.Equals(args[i].Name, names[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
