using System.Collections;

namespace PurchaseSdk;

/// <summary>
/// The provider-specific inputs attached to a <see cref="Purchase"/>, at most one per type. Each provider package
/// defines its own context type (for example <c>ScoutUserContext</c>) and looks it up here.
/// </summary>
/// <remarks>Contexts often carry user tokens, so this type never prints its content.</remarks>
public sealed class PurchaseContexts : IEnumerable<object>
{
    private readonly Dictionary<Type, object> _items = [];

    /// <summary>The number of attached contexts.</summary>
    public int Count => _items.Count;

    /// <summary>Attaches <paramref name="context"/>, replacing an earlier context of the same type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public void Add(object context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _items[context.GetType()] = context;
    }

    /// <summary>Gets the attached context of type <typeparamref name="T"/>, if any.</summary>
    public bool TryGet<T>([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? context)
        where T : class
    {
        if (_items.TryGetValue(typeof(T), out var value))
        {
            context = (T)value;
            return true;
        }

        context = null;
        return false;
    }

    /// <summary>Gets the attached context of type <typeparamref name="T"/>, or null.</summary>
    public T? Get<T>()
        where T : class => TryGet<T>(out var context) ? context : null;

    /// <inheritdoc />
    public IEnumerator<object> GetEnumerator() => _items.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Names the attached context types, never their content.</summary>
    public override string ToString() =>
        _items.Count == 0 ? "no contexts" : string.Join(", ", _items.Keys.Select(static t => t.Name));
}
