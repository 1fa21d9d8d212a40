using System.Text.Json;

using PurchaseSdk.Http;

namespace PurchaseSdk;

/// <summary>
/// Reads the error bodies of all five providers with one tolerant parser: <c>{"errors":["…"]}</c> (Kit),
/// <c>{"errors":[{"code","attribute","message"}]}</c> and <c>{"message":…}</c> (Drip),
/// <c>{"errors":[{"status","title","detail","source"}]}</c> with <c>errors</c> also as one object (Elastic Path),
/// <c>{"success":false,"message":…}</c> (Scout), OAuth's <c>{"error","error_description"}</c>, and plain text
/// such as Kit's <c>Retry later</c>. Anything else yields no messages, never an exception.
/// </summary>
internal static class ProviderErrorBodyParser
{
    private const int MaxMessages = 10;
    private const int MaxMessageLength = 500;

    public static ProviderErrorBody Parse(string? body) => Read(body).ToBody();

    private static ParsedError Read(string? body)
    {
        var parsed = new ParsedError();
        if (string.IsNullOrWhiteSpace(body))
        {
            return parsed;
        }

        var trimmed = body.AsSpan().Trim();
        if (trimmed.Length > 0 && (trimmed[0] == '{' || trimmed[0] == '['))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                ReadJson(document.RootElement, parsed);
            }
            catch (JsonException)
            {
                // Malformed JSON: the caller keeps the excerpt; no message can be trusted.
            }

            return parsed;
        }

        // Plain text (not an HTML page): short texts such as "Retry later" are the message.
        if (trimmed.Length > 0 && trimmed[0] != '<' && trimmed.Length <= 200)
        {
            parsed.Add(trimmed.ToString());
        }

        return parsed;
    }

    private static void ReadJson(JsonElement root, ParsedError parsed)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            ReadErrorList(root, parsed);
            return;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (root.TryGetProperty("errors", out var errors))
        {
            switch (errors.ValueKind)
            {
                case JsonValueKind.Array:
                    ReadErrorList(errors, parsed);
                    break;
                case JsonValueKind.Object:
                    ReadErrorObject(errors, parsed);
                    break;
                case JsonValueKind.String:
                    parsed.Add(errors.GetString());
                    break;
            }
        }

        // OAuth style: {"error":"invalid_grant","error_description":"..."}; some APIs put a string in "error".
        if (root.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.String)
            {
                parsed.Code ??= error.GetString();
                if (TryGetString(root, "error_description", out var description))
                {
                    parsed.Add(description);
                }
                else if (!root.TryGetProperty("message", out _))
                {
                    parsed.Add(error.GetString());
                }
            }
            else if (error.ValueKind == JsonValueKind.Object)
            {
                ReadErrorObject(error, parsed);
            }
        }

        if (parsed.Messages.Count == 0 && root.TryGetProperty("title", out _))
        {
            ReadErrorObject(root, parsed);
        }
        else if (parsed.Messages.Count == 0 && TryGetString(root, "detail", out var detail))
        {
            parsed.Add(detail);
        }

        if (TryGetString(root, "message", out var message))
        {
            parsed.Add(message);
        }

        if (parsed.Code is null && TryGetScalar(root, "code", out var code))
        {
            parsed.Code = code;
        }

        if (parsed.RequestId is null && TryGetScalar(root, "request_id", out var requestId))
        {
            parsed.RequestId = requestId;
        }
    }

    private static void ReadErrorList(JsonElement list, ParsedError parsed)
    {
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                parsed.Add(item.GetString());
            }
            else if (item.ValueKind == JsonValueKind.Object)
            {
                ReadErrorObject(item, parsed);
            }
        }
    }

    private static void ReadErrorObject(JsonElement item, ParsedError parsed)
    {
        TryGetString(item, "title", out var title);
        TryGetString(item, "detail", out var detail);
        TryGetString(item, "message", out var message);
        var attribute = TryGetString(item, "attribute", out var a) ? a
            : TryGetScalar(item, "source", out var s) ? s : null;

        var text = message ?? (title is not null && detail is not null && !detail.Contains(title, StringComparison.OrdinalIgnoreCase)
            ? $"{title}: {detail}"
            : detail ?? title);
        if (text is not null && attribute is not null && !text.Contains(attribute, StringComparison.OrdinalIgnoreCase))
        {
            text = $"{text} ({attribute})";
        }

        parsed.Add(text);
        if (parsed.Code is null)
        {
            parsed.Code = TryGetScalar(item, "code", out var code) ? code : title;
        }

        if (parsed.RequestId is null && TryGetScalar(item, "request_id", out var requestId))
        {
            parsed.RequestId = requestId;
        }
    }

    private static bool TryGetString(JsonElement element, string name, out string? value)
    {
        if (element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String)
        {
            value = property.GetString();
            return !string.IsNullOrWhiteSpace(value);
        }

        value = null;
        return false;
    }

    private static bool TryGetScalar(JsonElement element, string name, out string? value)
    {
        value = null;
        if (!element.TryGetProperty(name, out var property))
        {
            return false;
        }

        value = property.ValueKind switch
        {
            JsonValueKind.String => property.GetString(),
            JsonValueKind.Number => property.GetRawText(),
            JsonValueKind.Object when property.TryGetProperty("pointer", out var pointer) && pointer.ValueKind == JsonValueKind.String => pointer.GetString(),
            _ => null,
        };
        return !string.IsNullOrWhiteSpace(value);
    }

    internal sealed class ParsedError
    {
        private readonly List<string> _messages = [];

        public string? Code { get; set; }

        public string? RequestId { get; set; }

        public IReadOnlyList<string> Messages => _messages;

        public ProviderErrorBody ToBody() => new(Code, [.. _messages], RequestId);

        public void Add(string? message)
        {
            if (string.IsNullOrWhiteSpace(message) || _messages.Count >= MaxMessages)
            {
                return;
            }

            message = message.Trim();
            if (message.Length > MaxMessageLength)
            {
                message = string.Concat(message.AsSpan(0, MaxMessageLength), "…");
            }

            if (!_messages.Contains(message))
            {
                _messages.Add(message);
            }
        }
    }
}
