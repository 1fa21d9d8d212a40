using System.Text.Json.Serialization.Metadata;

namespace PurchaseSdk;

/// <summary>
/// A provider context type that PurchaseSdk can store and read back (durable delivery keeps contexts with the
/// purchase). Each provider package registers its context types with
/// <c>IPurchaseSdkBuilder.AddContextType</c>; register your own provider's contexts the same way.
/// </summary>
public sealed class PurchaseContextType
{
    /// <summary>Creates the registration.</summary>
    /// <param name="name">
    /// A stable name stored with each context (for example <c>Scout.User</c>). Never change it once purchases have
    /// been stored with it.
    /// </param>
    /// <param name="typeInfo">The source-generated JSON metadata of the context type.</param>
    public PurchaseContextType(string name, JsonTypeInfo typeInfo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(typeInfo);
        Name = name;
        TypeInfo = typeInfo;
    }

    /// <summary>The stable stored name.</summary>
    public string Name { get; }

    /// <summary>The context's CLR type.</summary>
    public Type Type => TypeInfo.Type;

    /// <summary>The JSON metadata that writes and reads it.</summary>
    public JsonTypeInfo TypeInfo { get; }

    /// <summary>Names the registration.</summary>
    public override string ToString() => $"{Name} ({Type.Name})";
}
