namespace Nettiturvakoti.Storage;

/// <summary>Where grain state, reminders and chat data are kept.</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file in a data folder: the embedded, single-process default.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL database shared by every silo of a cluster.</summary>
    PostgreSql = 1,
}
