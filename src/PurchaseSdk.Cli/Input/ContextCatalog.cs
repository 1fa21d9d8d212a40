using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace PurchaseSdk.Cli.Input;

/// <summary>
/// The provider context types a purchase file may carry, by their registered names (<c>Scout.User</c>,
/// <c>Rundl.Checkout</c>, <c>ElasticPath.Checkout</c>, <c>Drip.Subscriber</c>), as every provider package registers
/// them (<see cref="PurchaseContextType"/>), each read with its own source-generated JSON metadata, names without regard to case.
/// </summary>
internal sealed class ContextCatalog
{
    private readonly Dictionary<string, (PurchaseContextType Type, JsonTypeInfo Reader)> _byName = new(StringComparer.OrdinalIgnoreCase);

    public ContextCatalog(IEnumerable<PurchaseContextType> types)
    {
        foreach (var type in types)
        {
            // The provider's own metadata, with property names read without regard to case and unknown names refused.
            var options = new JsonSerializerOptions(type.TypeInfo.Options)
            {
                PropertyNameCaseInsensitive = true,
                UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
            };
            _byName.TryAdd(type.Name, (type, options.GetTypeInfo(type.Type)));
        }
    }

    /// <summary>Every context type of the five packaged providers.</summary>
    public static ContextCatalog Default { get; } = new(RegisteredByPackages());

    /// <summary>The registered names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _byName.Values.Select(static v => v.Type.Name).Order(StringComparer.Ordinal)];

    /// <summary>Reads the context named <paramref name="name"/>; returns the problem when it cannot.</summary>
    public object? Read(string name, JsonElement value, out string? problemPath, out string? problem)
    {
        problemPath = null;
        problem = null;
        if (!_byName.TryGetValue(name, out var entry))
        {
            problem = $"'{name}' is not a known context type; known: {string.Join(", ", Names)}.";
            return null;
        }

        try
        {
            var context = value.Deserialize(entry.Reader);
            if (context is null)
            {
                problem = "must be an object, not null.";
            }

            return context;
        }
        catch (JsonException exception)
        {
            problemPath = JsonProblems.FieldPath(exception.Path);
            problem = JsonProblems.Describe(exception);
            return null;
        }
    }

    private static List<PurchaseContextType> RegisteredByPackages()
    {
        var services = new ServiceCollection();
        services.AddPurchaseSdk(static _ => { }).AddScout().AddRundl().AddKit().AddDrip().AddElasticPath();
        return services.Select(static d => d.ImplementationInstance).OfType<PurchaseContextType>().ToList();
    }
}
