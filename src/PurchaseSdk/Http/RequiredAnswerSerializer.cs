using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace PurchaseSdk.Http;

/// <summary>
/// The provider clients' JSON serializer, on the provider's source-generated context. Request bodies are UTF-8 bytes
/// in memory (a known <c>Content-Length</c>, the same bytes on every retry). A success answer whose body is empty or
/// <c>null</c> is unreadable (a <see cref="JsonException"/>, which the pipeline reports as <em>maybe processed</em>)
/// instead of a null result that would surface later as a <see cref="NullReferenceException"/>.
/// </summary>
internal sealed class RequiredAnswerSerializer : IHttpContentSerializer
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly JsonSerializerContext _context;
    private readonly SystemTextJsonContentSerializer _inner;

    public RequiredAnswerSerializer(JsonSerializerContext context)
    {
        _context = context;
        _inner = SystemTextJsonContentSerializer.ForContext(context);
    }

    public HttpContent ToHttpContent<T>(T item)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(item, TypeInfo<T>()));
        content.Headers.ContentType = Json;
        return content;
    }

    public async Task<T?> FromHttpContentAsync<T>(HttpContent content, CancellationToken cancellationToken = default)
    {
        // The pipeline read the body into memory once (AnswerContent): deserialize from those bytes, without a copy.
        var result = content is AnswerContent answer
            ? (T?)JsonSerializer.Deserialize(answer.Bytes.Span, TypeInfo<T>())
            : await _inner.FromHttpContentAsync<T>(content, cancellationToken).ConfigureAwait(false);
        return result ?? throw new JsonException("The answer's body is empty or JSON null where a JSON document was expected.");
    }

    private System.Text.Json.Serialization.Metadata.JsonTypeInfo TypeInfo<T>() =>
        _context.GetTypeInfo(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the provider's JSON context.");

    public string? GetFieldNameForProperty(PropertyInfo propertyInfo) => _inner.GetFieldNameForProperty(propertyInfo);
}
