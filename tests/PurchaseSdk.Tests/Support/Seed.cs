namespace PurchaseSdk.Tests.Support;

/// <summary>Reads the seed fixtures (Seeds/README.md says where each was copied from).</summary>
internal static class Seed
{
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Seeds", relativePath));
}
