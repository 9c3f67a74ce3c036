namespace Nettiturvakoti;

/// <summary>The names grain state is stored under.</summary>
public static class StorageNames
{
    /// <summary>The ADO.NET grain storage every grain of the service uses.</summary>
    public const string Chat = "chat";
}
