using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PurchaseSdk.Drip;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Kit;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;

namespace PurchaseSdk.Benchmarks;

/// <summary>
/// 4. Mapping and serialization alone (no I/O): a 50-line <see cref="Purchase"/> to each provider's body bytes, with
/// the provider's own source-generated context. Kit is the baseline; validation is measured on its own.
/// </summary>
[MemoryDiagnoser]
[SteadyStateJob]
public class MappingBenchmarks
{
    private readonly Purchase _purchase;
    private readonly ScoutUserContext _scoutUser = new(1, "bench-user-token");
    private readonly RundlCheckoutContext _rundl;
    private readonly ElasticPathCheckoutContext _elasticPath = new() { CartReference = "cart-1", AccountId = "account-1" };

    public MappingBenchmarks()
    {
        var lines = Enumerable.Range(1, 50).Select(i => new PurchaseLine
        {
            Name = "Product " + i, Sku = "SKU-" + i, ProductId = "P" + i, LineId = "L" + i, Quantity = 1, UnitPrice = 10m + (i / 100m),
            Size = "M", Brand = "Brand", Color = "Blue",
        }).ToArray();
        _purchase = new Purchase
        {
            OrderId = "bench-50", Customer = new Customer { Email = "ada@example.com", Name = "Ada" }, Currency = "USD", Lines = lines,
            Tax = 42.10m, Shipping = 9.99m, Discount = 5m, Source = "gumroad", OccurredAt = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero),
        };
        _rundl = new RundlCheckoutContext { AccountId = 1, ServiceId = 2, LineProductIds = [.. Enumerable.Range(1, 50).Select(i => (long)i)] };
    }

    [Benchmark(Baseline = true)]
    public byte[] Kit() => JsonSerializer.SerializeToUtf8Bytes(KitPurchaseMapper.Map(_purchase, "paid"), KitJsonContext.Default.KitPurchaseEnvelope);

    [Benchmark]
    public byte[] Drip() => JsonSerializer.SerializeToUtf8Bytes(DripPurchaseMapper.Map(_purchase), DripJsonContext.Default.DripPurchases);

    [Benchmark(Description = "Scout (50 checkouts)")]
    public int Scout()
    {
        var (checkouts, _) = ScoutCheckoutMapper.Map(_purchase, _scoutUser, 100);
        var bytes = 0;
        foreach (var checkout in checkouts!)
        {
            bytes += JsonSerializer.SerializeToUtf8Bytes(checkout, ScoutJsonContext.Default.ScoutCheckout).Length;
        }

        return bytes;
    }

    [Benchmark]
    public byte[] Rundl() => JsonSerializer.SerializeToUtf8Bytes(RundlCheckoutMapper.Map(_purchase, _rundl).Request!, RundlJsonContext.Default.RundlCreateCheckoutRequest);

    [Benchmark]
    public byte[] ElasticPath() => JsonSerializer.SerializeToUtf8Bytes(ElasticPathCheckoutMapper.Map(_purchase, _elasticPath).Request!, ElasticPathJsonContext.Default.ElasticPathCheckoutRequest);

    [Benchmark(Description = "Validate (50 lines)")]
    public int Validate() => PurchaseValidator.Validate(_purchase).Count;
}
