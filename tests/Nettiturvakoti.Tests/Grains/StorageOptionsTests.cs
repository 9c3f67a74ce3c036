using Npgsql;
using Nettiturvakoti.Storage;

namespace Nettiturvakoti.Tests.Grains;

/// <summary>How the configured connection string becomes the one every provider uses.</summary>
public sealed class StorageOptionsTests
{
    [Fact]
    public void PostgreSql_WithoutAPoolSize_IsCappedSoThatOneProcessCannotTakeEveryServerConnection()
    {
        var options = new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = "Host=db;Username=ntk;Database=ntk" };

        var resolved = new NpgsqlConnectionStringBuilder(options.ResolveConnectionString());

        Assert.Equal(StorageOptions.DefaultPostgresPoolSize, resolved.MaxPoolSize);
        Assert.Equal("db", resolved.Host);
        Assert.Equal("ntk", resolved.Database);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=7")]
    [InlineData("Host=db;maxpoolsize=7")]
    public void PostgreSql_WithItsOwnPoolSize_KeepsIt(string connectionString)
    {
        var options = new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString };

        Assert.Equal(7, new NpgsqlConnectionStringBuilder(options.ResolveConnectionString()).MaxPoolSize);
    }

    [Fact]
    public void PostgreSql_WithoutAutoPrepare_PreparesItsMostUsedStatements()
    {
        var options = new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = "Host=db;Maximum Pool Size=7" };

        var resolved = new NpgsqlConnectionStringBuilder(options.ResolveConnectionString());

        Assert.Equal(StorageOptions.DefaultPostgresAutoPrepare, resolved.MaxAutoPrepare);
        Assert.Equal(7, resolved.MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;maxautoprepare=0")]
    public void PostgreSql_WithItsOwnAutoPrepare_KeepsIt(string connectionString)
    {
        var options = new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString };

        Assert.Equal(0, new NpgsqlConnectionStringBuilder(options.ResolveConnectionString()).MaxAutoPrepare);
    }
}
