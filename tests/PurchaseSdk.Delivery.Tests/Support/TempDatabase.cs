using Microsoft.Data.Sqlite;

namespace PurchaseSdk.Delivery.Tests.Support;

/// <summary>A SQLite file in a fresh temporary folder, deleted (with its WAL files) at the end.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "purchasesdk-delivery-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "deliveries.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platform; the temp folder is cleaned eventually.
        }
    }
}
