using System.Data.Common;

namespace Nettiturvakoti.Storage;

/// <summary>A named SQL parameter.</summary>
public readonly record struct SqlArg(string Name, object? Value);

internal static class SqlCommandExtensions
{
    public static DbCommand CreateCommand(
        this DbConnection connection, string sql, IReadOnlyList<SqlArg> args, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var arg in args)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = arg.Name;
            parameter.Value = arg.Value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(
        this DbConnection connection, string sql, params SqlArg[] args)
    {
        await using var command = connection.CreateCommand(sql, args);
        return await command.ExecuteNonQueryAsync();
    }
}
