using System.Data.Common;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Nettiturvakoti.Storage;
using Npgsql;

namespace Nettiturvakoti.WebFront.Security;

/// <summary>
/// Keeps the Data Protection key ring (the keys that sign and encrypt login cookies and antiforgery
/// tokens) in the service's database, one row per element, so that every web front of a cluster
/// reads the same keys and a login made on one web front is accepted by all. Data Protection calls
/// this rarely (at start, on its daily refresh, when it adds a key) and synchronously, so the
/// queries here are synchronous too. Known shortcoming: the keys are stored as Data Protection
/// hands them over, unencrypted, so reading this table is enough to forge a login cookie; giving
/// every web front a certificate and protecting the keys with it (ProtectKeysWithCertificate)
/// would close that.
/// </summary>
public sealed class DatabaseKeyRepository(IOptions<StorageOptions> storage) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM data_protection_key ORDER BY created_ms, id";
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO data_protection_key (id, name, xml, created_ms) VALUES (@id, @name, @xml, @created)";
        Add(command, "@id", Guid.NewGuid());
        Add(command, "@name", string.IsNullOrWhiteSpace(friendlyName) ? "" : friendlyName);
        Add(command, "@xml", element.ToString(SaveOptions.DisableFormatting));
        Add(command, "@created", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }

    private DbConnection Open()
    {
        var options = storage.Value;
        DbConnection connection = options.Provider == StorageProvider.PostgreSql
            ? new NpgsqlConnection(options.ResolveConnectionString())
            : new SqliteConnection(options.ResolveConnectionString());
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
