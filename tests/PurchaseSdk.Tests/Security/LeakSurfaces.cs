using Microsoft.Extensions.Logging.Testing;

namespace PurchaseSdk.Tests.Security;

/// <summary>Everything text-like that leaves the SDK, and the check that no secret is in any of it.</summary>
internal static class LeakSurfaces
{
    /// <summary>
    /// What a report shows: its <c>ToString()</c>, each outcome's, its message, every exception of its error chain
    /// (<c>ToString()</c> and message), the provider's excerpt, error code and messages, and the exception
    /// <see cref="PurchaseReport.EnsureSuccess"/> throws.
    /// </summary>
    public static IEnumerable<string> Of(PurchaseReport report)
    {
        yield return report.ToString();
        foreach (var outcome in report.Outcomes)
        {
            yield return outcome.ToString();
            yield return outcome.Message ?? string.Empty;
            foreach (var error in MisbehavingTest.Chain(outcome.Error))
            {
                yield return error.ToString();
                yield return error.Message;
            }

            if (outcome.Error is ProviderRequestException request)
            {
                yield return request.ResponseExcerpt ?? string.Empty;
                yield return request.ErrorCode ?? string.Empty;
                foreach (var message in request.ProviderMessages)
                {
                    yield return message;
                }
            }
        }

        if (!report.Succeeded)
        {
            yield return Assert.Throws<PurchaseReportException>(() => report.EnsureSuccess())!.ToString();
        }
    }

    /// <summary>Every log record (message, exception and structured state) of an SDK built with fake logging.</summary>
    public static IEnumerable<string> Logs(IServiceProvider services) =>
        services.GetFakeLogCollector().GetSnapshot().SelectMany(record => new[]
        {
            record.Message,
            record.Exception?.ToString() ?? string.Empty,
            record.Category + ": " + string.Join(";", record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []),
        });

    /// <summary>Fails, naming each place, when any of <paramref name="secrets"/> is in any of <paramref name="surfaces"/>.</summary>
    public static void AssertNoSecret(IEnumerable<string> surfaces, IEnumerable<string> secrets, string scenario)
    {
        var forms = secrets.ToList();
        var leaks = surfaces.SelectMany(text => forms.Where(text.Contains).Select(secret => $"{secret} in: {Clip(text)}")).Distinct().ToList();
        Assert.That(leaks, Is.Empty, scenario);
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
