using System.Reflection;
using Refit;

namespace PurchaseSdk.Http;

/// <summary>
/// Formats path and query values the way the providers' APIs expect: booleans as <c>true</c>/<c>false</c> (not .NET's
/// <c>True</c>), everything else as Refit does with the invariant culture.
/// </summary>
internal sealed class WireUrlParameterFormatter : IUrlParameterFormatter
{
    private readonly DefaultUrlParameterFormatter _default = new();

    public string? Format(object? value, ICustomAttributeProvider attributeProvider, Type type) => value switch
    {
        bool flag => flag ? "true" : "false",
        _ => _default.Format(value, attributeProvider, type),
    };
}
