namespace PurchaseSdk.Delivery.Tests.Support;

/// <summary>Paths in the repository the tests run from: its root, and the dll of a project built in the tests' own configuration.</summary>
internal static class Repository
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PurchaseSdk.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>A child process's dll, built in the test's own configuration (bin/Debug or bin/Release).</summary>
    public static string Dll(string project, string folder)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(Root, folder, project, "bin", configuration, "net10.0", project + ".dll");
        Assert.That(path, Does.Exist, "build the solution first");
        return path;
    }
}
