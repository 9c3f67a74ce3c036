namespace Nettiturvakoti.LoadGenerator;

/// <summary>The database the web front keeps its state in.</summary>
public enum Backend
{
    /// <summary>The embedded default: a SQLite file.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database on the local server.</summary>
    PostgreSql,
}
