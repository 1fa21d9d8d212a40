using System.Text.Json;
using PurchaseSdk.Drip;
using PurchaseSdk.ElasticPath;
using PurchaseSdk.Rundl;
using PurchaseSdk.Scout;
using PurchaseSdk.Testing;

namespace PurchaseSdk.Tests.Core;

/// <summary>Every provider registers its context types, and each one survives a JSON round trip (durable delivery stores them).</summary>
public class ContextTypeTests
{
    [Test]
    public async Task Every_provider_context_is_registered_and_round_trips()
    {
        await using var sandbox = PurchaseSandbox.Start();
        await using var services = Sdk.BuildWithSandbox(sandbox, new TestClock());
        var types = services.GetServices<PurchaseContextType>().ToDictionary(t => t.Type);

        object[] contexts =
        [
            new ScoutUserContext(42, "scout-user-token"),
            new RundlCheckoutContext { AccountId = 1, ServiceId = 2, LineProductIds = [3, 4], PaymentToken = "pay" },
            new DripSubscriberContext("sub-1"),
            new ElasticPathCheckoutContext { CartReference = "cart-1", AccountManagementToken = "amt", BillingAddress = new ElasticPathAddress { City = "Oslo" } },
        ];

        Assert.That(types.Keys, Is.EquivalentTo(contexts.Select(c => c.GetType())));
        foreach (var context in contexts)
        {
            var type = types[context.GetType()];
            var json = JsonSerializer.Serialize(context, type.TypeInfo);
            var back = JsonSerializer.Deserialize(json, type.TypeInfo);
            Assert.That(JsonSerializer.Serialize(back, type.TypeInfo), Is.EqualTo(json), type.Name);
        }

        Assert.That(types.Values.Select(t => t.Name), Is.Unique);
    }
}
