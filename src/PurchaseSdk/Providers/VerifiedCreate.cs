using System.Globalization;
using PurchaseSdk.Http;

namespace PurchaseSdk.Providers;

/// <summary>
/// Creates a record at a provider that can be asked whether a create landed. When a create fails in a way that may
/// have been processed (a timeout after sending, 500, 502, 504, a reset, an unreadable answer), the record is looked
/// up, repeatedly with backoff so a slow write has a fair chance to show: found → Succeeded with its reference and
/// nothing is sent again; still absent after every look-up → the create is repeated (at most
/// <see cref="ProviderResilienceOptions.MaxRetries"/> times); a look-up that fails, or a sequence that runs out of
/// tries or time → Indeterminate. Never a blind retry, and never Failed once a create may have landed.
/// </summary>
public static class VerifiedCreate
{
    /// <summary>Runs <paramref name="create"/>, resolving ambiguous failures with <paramref name="findExisting"/>.</summary>
    /// <typeparam name="TState">What both delegates need, passed explicitly so they can be static (no closure per call).</typeparam>
    /// <param name="provider">The provider name, for messages.</param>
    /// <param name="state">The state handed to both delegates.</param>
    /// <param name="create">Creates the record and returns its reference (null when the provider returns none).</param>
    /// <param name="findExisting">Finds the record the create was for and returns its reference, or null when absent.</param>
    /// <param name="resilience">
    /// The provider's resilience settings: <see cref="ProviderResilienceOptions.MaxRetries"/> bounds the repeated
    /// creates and the look-ups after each (at least two), waiting <see cref="ProviderResilienceOptions.BaseDelay"/>,
    /// doubling up to <see cref="ProviderResilienceOptions.MaxDelay"/>, before each look-up.
    /// </param>
    /// <param name="time">The clock of the waits.</param>
    /// <param name="cancellationToken">Cancels the whole operation; it also carries the provider call's deadline.</param>
    /// <param name="earlierAttemptMayHaveLanded">
    /// True to start by looking the record up, because an earlier call may have created it (see
    /// <see cref="IPurchaseProvider.ReportAfterUncertainAttemptAsync"/>).
    /// </param>
    public static async Task<ProviderResult> RunAsync<TState>(
        string provider,
        TState state,
        Func<TState, CancellationToken, Task<string?>> create,
        Func<TState, CancellationToken, Task<string?>> findExisting,
        ProviderResilienceOptions resilience,
        TimeProvider time,
        CancellationToken cancellationToken,
        bool earlierAttemptMayHaveLanded = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(findExisting);
        ArgumentNullException.ThrowIfNull(resilience);
        ArgumentNullException.ThrowIfNull(time);

        var lookUps = Math.Max(2, resilience.MaxRetries);
        var ambiguity = earlierAttemptMayHaveLanded ? "an earlier attempt's outcome is unknown" : null;
        ProviderRequestException? lastAmbiguous = null;
        string? found;
        ProviderRequestException? checkFailure;
        var looked = 0;
        for (var creates = 0; ;)
        {
            if (ambiguity is not null)
            {
                (found, checkFailure, looked) = await LookUpAsync(state, findExisting, resilience, lookUps, time, cancellationToken).ConfigureAwait(false);
                if (found is not null)
                {
                    return ProviderResult.Succeeded(
                        found,
                        $"{provider} had recorded it, so it was not sent again ({ambiguity}).");
                }

                if (checkFailure is not null)
                {
                    return ProviderResult.Indeterminate(
                        lastAmbiguous ?? checkFailure,
                        $"{Capitalize(ambiguity)}, and checking whether {provider} recorded it failed ({checkFailure.Message}), so it was not sent again; it may have been recorded.");
                }

                if (creates > resilience.MaxRetries)
                {
                    return ProviderResult.Indeterminate(
                        lastAmbiguous!,
                        string.Create(CultureInfo.InvariantCulture, $"{lastAmbiguous!.Message} {provider} showed no record of it after {looked} look-up(s), and the create was tried {creates} time(s); a slow write may still land, so it was not sent again."));
                }
            }

            try
            {
                var reference = await create(state, cancellationToken).ConfigureAwait(false);
                return ambiguity is null
                    ? ProviderResult.Succeeded(reference)
                    : ProviderResult.Succeeded(reference, string.Create(CultureInfo.InvariantCulture, $"Created on try {creates + 1}: {ambiguity}, and {provider} was checked to have no record of it ({looked} look-up(s))."));
            }
            catch (ProviderRequestException error) when (error.FailureKind == ProviderFailureKind.MaybeProcessed)
            {
                creates++;
                lastAmbiguous = error;
                ambiguity = string.Create(CultureInfo.InvariantCulture, $"try {creates} failed ambiguously ({Describe(error)})");
            }
        }
    }

    private static async Task<(string? Found, ProviderRequestException? CheckFailure, int LookedUp)> LookUpAsync<TState>(
        TState state,
        Func<TState, CancellationToken, Task<string?>> findExisting,
        ProviderResilienceOptions resilience,
        int lookUps,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < lookUps; i++)
        {
            // A slow write gets time to land: BaseDelay, then doubling, capped by MaxDelay.
            await Task.Delay(ProviderRetryPolicy.Backoff(resilience, i, jitterFactor: 1), time, cancellationToken).ConfigureAwait(false);
            try
            {
                if (await findExisting(state, cancellationToken).ConfigureAwait(false) is { } found)
                {
                    return (found, null, i + 1);
                }
            }
            catch (ProviderRequestException check)
            {
                return (null, check, i + 1);
            }
        }

        return (null, null, lookUps);
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Describe(ProviderRequestException error) =>
        error.StatusCode is { } status ? ((int)status).ToString(CultureInfo.InvariantCulture) : "no answer";
}
