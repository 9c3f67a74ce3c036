using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Data.Sqlite;

namespace Nettiturvakoti.Storage;

/// <summary>
/// Brings the database schema up to date: the numbered scripts under Storage/Schema/{Provider}
/// are applied once each, in order, and recorded in the <c>schema_version</c> table.
/// </summary>
public static partial class SchemaMigrator
{
    /// <summary>Applies every script the database has not had yet; returns how many ran.</summary>
    public static Task<int> MigrateAsync(StorageOptions options, ILogger logger)
    {
        var connectionString = options.ResolveConnectionString();
        UpgradeEngineBuilder builder;
        if (options.Provider == StorageProvider.PostgreSql)
        {
            EnsureDatabase.For.PostgresqlDatabase(connectionString, new NoOpUpgradeLog());
            builder = DeployChanges.To.PostgresqlDatabase(connectionString)
                .JournalToPostgresqlTable("public", "schema_version");
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(options.SqliteFile)!);
            UseWriteAheadLog(connectionString);
            builder = DeployChanges.To.SqliteDatabase(connectionString)
                .JournalToSqliteTable("schema_version");
        }

        var prefix = $"{typeof(SchemaMigrator).Namespace}.Schema.{options.Provider}.";
        var engine = builder
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithVariablesDisabled()
            .WithTransactionPerScript()
            .LogTo(new NoOpUpgradeLog())
            .Build();

        var scripts = engine.GetScriptsToExecute();
        if (scripts.Count == 0)
        {
            return Task.FromResult(0);
        }

        var result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            LogFailed(logger, result.ErrorScript?.Name ?? "?", result.Error);
            throw new InvalidOperationException(
                $"The schema migration failed at {result.ErrorScript?.Name}.", result.Error);
        }

        foreach (var script in result.Scripts)
        {
            LogApplied(logger, script.Name);
        }

        return Task.FromResult(scripts.Count);
    }

    // WAL lets readers go on while the one writer commits; the mode sticks to the file.
    private static void UseWriteAheadLog(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Applied schema script {Script}")]
    private static partial void LogApplied(ILogger logger, string script);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Schema script {Script} failed")]
    private static partial void LogFailed(ILogger logger, string script, Exception error);
}
