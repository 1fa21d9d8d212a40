using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace PurchaseSdk.Cli.Output;

/// <summary>A preview for people: per provider the skip reason or each request as HTTP text, JSON bodies pretty-printed.</summary>
internal static class PreviewWriter
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(IAnsiConsole console, PurchasePreview preview)
    {
        Terminal.Line(console, $"Preview of order {preview.OrderId}: nothing was sent; credentials are shown as ***.");
        foreach (var provider in preview.Providers)
        {
            Terminal.Line(console);
            var summary = provider.Error is not null ? "preview failed"
                : provider.SkipReason is not null ? "skipped"
                : provider.Requests.Count == 1 ? "1 request" : $"{provider.Requests.Count} requests";
            console.Write(new Rule(Markup.Escape($"{provider.Provider}: {summary}")).LeftJustified().RuleStyle(new Style(Color.Grey)));
            if (provider.Error is { } error)
            {
                Terminal.Line(console, $"  {Terminal.OneLine(error.Message)}");
            }

            if (provider.SkipReason is { } reason)
            {
                Terminal.Line(console, $"  {reason}");
            }

            foreach (var note in provider.Notes)
            {
                Terminal.Line(console, $"  note: {note}");
            }

            foreach (var request in provider.Requests)
            {
                Terminal.Line(console);
                Terminal.Line(console, $"{request.Method} {request.Url.AbsoluteUri}");
                foreach (var header in request.Headers)
                {
                    Terminal.Line(console, $"{header.Key}: {header.Value}");
                }

                if (request.Body is { } body)
                {
                    Terminal.Line(console);
                    Terminal.Line(console, PrettyJson(body));
                }
            }
        }
    }

    /// <summary>The body indented when it is JSON (numbers and strings as they are), else as it is.</summary>
    public static string PrettyJson(string body)
    {
        try
        {
            return JsonNode.Parse(body) is { } node ? node.ToJsonString(Pretty) : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
