using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PurchaseSdk.Http;

namespace PurchaseSdk;

/// <summary>
/// Removes secret values from text that leaves the SDK (exception messages, excerpts, log lines): the configured
/// keys and tokens, the credentials of the failed request's headers, and secret fields of its body and answer. Each
/// secret is found in every encoding the SDK produces or JSON and URLs allow: raw, base64 (alone and as HTTP Basic
/// <c>secret:</c>), and any mix of JSON <c>\uXXXX</c>/short escapes and percent-encoding of its characters.
/// </summary>
internal sealed class SecretRedactor
{
    public const string Mask = "***";

    // Shorter values would blank out ordinary words; no real key or token is this short.
    private const int MinimumSecretLength = 4;

    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fieldNames;

    public SecretRedactor(IEnumerable<string?> secrets, IReadOnlyCollection<string> secretFieldNames)
    {
        _fieldNames = new HashSet<string>(secretFieldNames, StringComparer.OrdinalIgnoreCase);
        foreach (var secret in secrets)
        {
            AddSecret(secret);
        }
    }

    public void AddSecret(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return;
        }

        var trimmed = secret.Trim();
        if (trimmed.Length >= MinimumSecretLength && _secrets.Add(trimmed))
        {
            _pattern = null;
        }
    }

    /// <summary>Adds the credentials of <paramref name="request"/>: secret headers, and secret body fields.</summary>
    public async Task AddRequestSecretsAsync(HttpRequestMessage? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return;
        }

        if (request.RequestUri is { IsAbsoluteUri: true, Query.Length: > 1 } uri)
        {
            AddFormSecrets(uri.Query[1..]);
        }

        foreach (var header in request.Headers)
        {
            if (!_fieldNames.Contains(header.Key))
            {
                continue;
            }

            foreach (var value in header.Value)
            {
                AddHeaderCredential(value);
            }
        }

        var requestBody = request.Content is WriteTrackingContent tracked ? tracked.Inner : request.Content;
        // Bodies the SDK sends are in memory or serialized again on demand (JSON); a stream cannot be read twice.
        if (requestBody is not null and not StreamContent)
        {
            try
            {
                var body = await requestBody.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                AddBodySecrets(body);
            }
            catch (Exception exception) when (exception is ObjectDisposedException or InvalidOperationException or IOException)
            {
                // The content is gone; the header and configured secrets still apply.
            }
        }
    }

    /// <summary>Adds the values of secret fields found in a JSON or form-encoded <paramref name="body"/>.</summary>
    public void AddBodySecrets(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return;
        }

        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.Length > 0 && (trimmed[0] == '{' || trimmed[0] == '['))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                AddJsonSecrets(document.RootElement, depth: 0);
            }
            catch (JsonException)
            {
                // Not JSON after all.
            }

            return;
        }

        AddFormSecrets(body);
    }

    /// <summary>Adds the values of secret fields of a form-encoded body or a query string.</summary>
    private void AddFormSecrets(string form)
    {
        foreach (var pair in form.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && _fieldNames.Contains(Uri.UnescapeDataString(pair[..equals])))
            {
                var value = pair[(equals + 1)..];
                AddSecret(value);
                AddSecret(Uri.UnescapeDataString(value.Replace('+', ' ')));
            }
        }
    }

    public string Redact(string text)
    {
        if (_secrets.Count == 0 || string.IsNullOrEmpty(text))
        {
            return text;
        }

        _pattern ??= BuildPattern();
        return _pattern.Replace(text, Mask);
    }

    private Regex? _pattern;

    /// <summary>One alternation of every secret in every encoding, longest first so a secret inside another goes too.</summary>
    private Regex BuildPattern()
    {
        var alternatives = new List<string>();
        foreach (var secret in _secrets.OrderByDescending(static s => s.Length))
        {
            alternatives.Add(EncodedForms(secret));
            var bytes = Encoding.UTF8.GetBytes(secret);
            alternatives.Add(Regex.Escape(Convert.ToBase64String(bytes)));
            alternatives.Add(Regex.Escape(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret + ":"))));
        }

        return new Regex(string.Join("|", alternatives), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>A pattern matching <paramref name="secret"/> with each character raw, JSON-escaped or percent-encoded.</summary>
    private static string EncodedForms(string secret)
    {
        var pattern = new StringBuilder();
        Span<char> utf16 = stackalloc char[2];
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in secret.EnumerateRunes())
        {
            var forms = new List<string> { Regex.Escape(rune.ToString()) };
            var units = rune.EncodeToUtf16(utf16);
            var escaped = new StringBuilder();
            for (var i = 0; i < units; i++)
            {
                escaped.Append(CaseInsensitiveHexEscape((int)utf16[i]));
            }

            forms.Add(escaped.ToString());
            switch (rune.Value)
            {
                case '/': forms.Add(@"\\/"); break;
                case '"': forms.Add(@"\\"""); break;
                case '\\': forms.Add(@"\\\\"); break;
                case ' ': forms.Add(@"\+"); break;
            }

            var length = rune.EncodeToUtf8(utf8);
            var percent = new StringBuilder();
            for (var i = 0; i < length; i++)
            {
                percent.Append('%').Append(CaseInsensitiveHex(utf8[i], 2));
            }

            forms.Add(percent.ToString());
            pattern.Append("(?:").AppendJoin('|', forms).Append(')');
        }

        return pattern.ToString();
    }

    private static string CaseInsensitiveHexEscape(int value) => @"\\u" + CaseInsensitiveHex(value, 4);

    private static string CaseInsensitiveHex(int value, int digits)
    {
        var hex = value.ToString("X" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var pattern = new StringBuilder();
        foreach (var digit in hex)
        {
            pattern.Append(char.IsLetter(digit) ? $"[{digit}{char.ToLowerInvariant(digit)}]" : digit.ToString());
        }

        return pattern.ToString();
    }

    private void AddHeaderCredential(string value)
    {
        AddSecret(value);
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return;
        }

        var scheme = value[..space];
        var parameter = value[(space + 1)..].Trim();
        AddSecret(parameter);
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                foreach (var part in decoded.Split(':'))
                {
                    AddSecret(part);
                }
            }
            catch (FormatException)
            {
                // Not base64: the raw value is already masked.
            }
        }
    }

    private void AddJsonSecrets(JsonElement element, int depth)
    {
        if (depth > 16)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (_fieldNames.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.String)
                    {
                        AddSecret(property.Value.GetString());
                    }
                    else
                    {
                        AddJsonSecrets(property.Value, depth + 1);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AddJsonSecrets(item, depth + 1);
                }

                break;
        }
    }
}
