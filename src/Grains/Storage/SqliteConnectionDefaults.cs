using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nettiturvakoti.Storage;

/// <summary>
/// Every SQLite connection the process opens from <see cref="Install"/> on, Orleans' own (grain
/// state, reminders) included, which the project never gets to configure, waits inside SQLite for
/// a locked database, retrying within a millisecond or two, for up to
/// <see cref="BusyTimeoutMilliseconds"/>. Without it Microsoft.Data.Sqlite sleeps 150 ms on its
/// thread before each retry, so two writes that meet cost one of them 150 ms and a thread.
/// </summary>
public static unsafe partial class SqliteConnectionDefaults
{
    /// <summary>How long a connection waits inside SQLite for a locked database.</summary>
    public const int BusyTimeoutMilliseconds = 5000;

    private const string Library = "e_sqlite3";
    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>
    /// Registers the settings for every connection opened from now on. Idempotent; call it before
    /// the first connection is opened.
    /// </summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            SQLitePCL.Batteries_V2.Init();
            var result = AutoExtension((nint)(delegate* unmanaged[Cdecl]<nint, nint, nint, int>)&OnOpen);
            if (result != 0)
            {
                throw new InvalidOperationException($"SQLite refused the connection settings (error {result}).");
            }

            _installed = true;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnOpen(nint database, nint errorMessage, nint api) =>
        BusyTimeout(database, BusyTimeoutMilliseconds);

    [LibraryImport(Library, EntryPoint = "sqlite3_auto_extension")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int AutoExtension(nint entryPoint);

    [LibraryImport(Library, EntryPoint = "sqlite3_busy_timeout")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int BusyTimeout(nint database, int milliseconds);
}
