namespace NemLogin.Gateway.Tests.Deployment;

/// <summary>The checkout the tests run from: the nearest folder above the test binaries holding the solution.</summary>
internal static class RepositoryRoot
{
    private const string SolutionFile = "NemLogin.Orleans.sln";

    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}.");
    }
}
