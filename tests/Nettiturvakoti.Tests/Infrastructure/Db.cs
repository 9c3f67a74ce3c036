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

/// <summary>Searches a whole database for a piece of text, in every column of every table.</summary>
public static class DbSearch
{
    /// <summary>The places (table.column) where <paramref name="needle"/> is stored, as text or inside any blob.</summary>
    public static async Task<List<string>> FindAsync(StorageOptions storage, string needle)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(needle);
        var utf16 = System.Text.Encoding.Unicode.GetBytes(needle);
        var found = new List<string>();
        await using var connection = await Db.OpenAsync(storage);
        foreach (var table in await TablesAsync(connection, storage))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    var hit = value switch
                    {
                        byte[] bytes => bytes.AsSpan().IndexOf(utf8) >= 0 || bytes.AsSpan().IndexOf(utf16) >= 0,
                        null => false,
                        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!.Contains(needle, StringComparison.OrdinalIgnoreCase),
                    };
                    if (hit)
                    {
                        found.Add($"{table}.{reader.GetName(i)}");
                    }
                }
            }
        }

        return found;
    }

    private static async Task<List<string>> TablesAsync(System.Data.Common.DbConnection connection, StorageOptions storage)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = storage.Provider == StorageProvider.PostgreSql
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        Assert.Contains("chat_entry", tables);
        return tables;
    }
}
