using System.Data.Common;
using Microsoft.Data.Sqlite;
using Nettiturvakoti.Storage;
using Npgsql;

namespace Nettiturvakoti.Tests.Infrastructure;

/// <summary>Reads a test database directly, to check what is really stored.</summary>
public static class Db
{
    public static async Task<DbConnection> OpenAsync(StorageOptions storage)
    {
        DbConnection connection = storage.Provider == StorageProvider.PostgreSql
            ? new NpgsqlConnection(storage.ConnectionString)
            : new SqliteConnection(storage.ResolveConnectionString());
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<long> ScalarAsync(StorageOptions storage, string sql, params (string Name, object Value)[] args)
    {
        await using var connection = await OpenAsync(storage);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
