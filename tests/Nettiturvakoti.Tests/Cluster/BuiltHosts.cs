namespace Nettiturvakoti.Tests.Cluster;

/// <summary>
/// The built silo and web-front DLLs, in the configuration the tests were built in. The test project
/// references both projects, so <c>dotnet test</c> builds them first.
/// </summary>
public static class BuiltHosts
{
    private static readonly Lazy<string> SiloDll = new(() => Find("Silo", "Nettiturvakoti.Silo.dll"));
    private static readonly Lazy<string> WebFrontDll = new(() => Find("WebFront", "Nettiturvakoti.WebFront.dll"));

    public static string Silo => SiloDll.Value;

    public static string WebFront => WebFrontDll.Value;

    // The test assembly sits in tests/<project>/bin/<configuration>/<framework>/.
    private static string Find(string project, string dll)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        for (var folder = output; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Nettiturvakoti.sln")))
            {
                var path = Path.Combine(folder.FullName, "src", project, "bin", configuration, framework, dll);
                return File.Exists(path)
                    ? path
                    : throw new FileNotFoundException($"{path} is missing: build the solution in {configuration} first.", path);
            }
        }

        throw new DirectoryNotFoundException($"No Nettiturvakoti.sln above {output.FullName}.");
    }
}
