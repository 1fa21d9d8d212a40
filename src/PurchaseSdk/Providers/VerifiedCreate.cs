using System.Globalization;
using PurchaseSdk.Http;

namespace PurchaseSdk.Providers;

/// <summary>
/// Creates a record at a provider that can be asked whether a create landed (DESIGN.md §5): when the create fails in a
/// way that may have been processed (a timeout after sending, 500, 502, 504, a reset, an unreadable answer), the
/// record is looked up first; if it exists the outcome is Succeeded with its reference and nothing is sent again; if
/// it does not, the create is repeated; if the look-up fails too, the outcome is Indeterminate. Never a blind retry.
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
    /// The provider's resilience settings: the create is repeated at most <see cref="ProviderResilienceOptions.MaxRetries"/>
    /// times, each look-up waiting <see cref="ProviderResilienceOptions.BaseDelay"/> first so a slow write can land.
    /// </param>
    /// <param name="time">The clock of the waits.</param>
    /// <param name="cancellationToken">Cancels the whole operation.</param>
    public static async Task<ProviderResult> RunAsync<TState>(
        string provider,
        TState state,
        Func<TState, CancellationToken, Task<string?>> create,
        Func<TState, CancellationToken, Task<string?>> findExisting,
        ProviderResilienceOptions resilience,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(findExisting);
        ArgumentNullException.ThrowIfNull(resilience);
        ArgumentNullException.ThrowIfNull(time);

        for (var repeat = 0; ; repeat++)
        {
            ProviderRequestException ambiguous;
            try
            {
                var reference = await create(state, cancellationToken).ConfigureAwait(false);
                return repeat == 0
                    ? ProviderResult.Succeeded(reference)
                    : ProviderResult.Succeeded(reference, string.Create(CultureInfo.InvariantCulture, $"Created on try {repeat + 1}: each earlier try failed ambiguously and {provider} was checked to have no record of it."));
            }
            catch (ProviderRequestException error) when (error.FailureKind == ProviderFailureKind.MaybeProcessed)
            {
                ambiguous = error;
            }

            await Task.Delay(resilience.BaseDelay, time, cancellationToken).ConfigureAwait(false);
            string? found;
            try
            {
                found = await findExisting(state, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderRequestException check)
            {
                return ProviderResult.Indeterminate(
                    ambiguous,
                    $"{ambiguous.Message} Checking whether {provider} recorded it failed too ({check.Message}), so it was not sent again.");
            }

            if (found is not null)
            {
                return ProviderResult.Succeeded(
                    found,
                    $"The create failed ambiguously ({Describe(ambiguous)}) but {provider} had recorded it, so it was not sent again.");
            }

            if (repeat >= resilience.MaxRetries)
            {
                return ProviderResult.Failed(
                    ambiguous,
                    $"{ambiguous.Message} {provider} was checked and has no record of it; the create was tried {repeat + 1} time(s).");
            }
        }
    }

    private static string Describe(ProviderRequestException error) =>
        error.StatusCode is { } status ? ((int)status).ToString(CultureInfo.InvariantCulture) : "no answer";
}
