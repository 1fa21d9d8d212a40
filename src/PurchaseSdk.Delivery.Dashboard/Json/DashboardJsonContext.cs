using System.Text.Json;
using System.Text.Json.Serialization;

namespace PurchaseSdk.Delivery.Dashboard.Json;

/// <summary>Source-generated JSON of the dashboard's endpoints: camelCase, enums as their names, nulls kept (the page reads them).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SessionJson))]
[JsonSerializable(typeof(OverviewJson))]
[JsonSerializable(typeof(HistoryJson))]
[JsonSerializable(typeof(DeliveryListJson))]
[JsonSerializable(typeof(DeliveryJson))]
[JsonSerializable(typeof(OrderJson))]
[JsonSerializable(typeof(ResolveRequestJson))]
[JsonSerializable(typeof(ResendRequestJson))]
[JsonSerializable(typeof(ActionResultJson))]
[JsonSerializable(typeof(ProblemJson))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext
{
}
