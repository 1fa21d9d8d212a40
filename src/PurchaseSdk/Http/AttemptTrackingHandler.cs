using System.Net.Http;

namespace PurchaseSdk.Http;

/// <summary>
/// The innermost handler: counts every request that goes to the socket (for <see cref="ProviderOutcome.Attempts"/>)
/// and marks whether an attempt was on the wire when it failed.
/// </summary>
internal sealed class AttemptTrackingHandler : DelegatingHandler
{
    private readonly bool _countsAttempts;

    /// <param name="countsAttempts">False for a client whose calls are not attempts of the record (a token endpoint).</param>
    public AttemptTrackingHandler(bool countsAttempts) => _countsAttempts = countsAttempts;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_countsAttempts)
        {
            ProviderCallScope.Current?.RecordAttempt();
        }

        var state = ProviderRequestState.Get(request);
        if (state is not null)
        {
            state.InFlight = true;
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (state is not null)
            {
                state.InFlight = false;
            }

            return response;
        }
        catch (HttpRequestException exception) when (state is not null && HttpFailureClassifier.Classify(exception) == ProviderFailureKind.NotProcessed)
        {
            // The connection failed before anything was sent.
            state.InFlight = false;
            throw;
        }
    }
}
