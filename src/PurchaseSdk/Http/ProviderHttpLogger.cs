using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace PurchaseSdk.Http;

/// <summary>
/// Logs each request of a provider client by its route template (<c>POST /v2/{accountId}/subscribers/{subscriber}/purchases</c>),
/// status and duration. It replaces IHttpClientFactory's default loggers for provider clients, whose structured
/// state carries raw header values (credentials) and whose URLs carry emails and tokens.
/// </summary>
internal sealed partial class ProviderHttpLogger : IHttpClientLogger
{
    private static readonly HttpRequestOptionsKey<string> RouteKey = new(Refit.HttpRequestMessageOptions.RelativePathTemplate);

    private readonly ILogger _logger;
    private readonly string _provider;

    public ProviderHttpLogger(ILogger logger, string provider)
    {
        _logger = logger;
        _provider = provider;
    }

    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        RequestEnded(_logger, _provider, request.Method.Method, Route(request), (int)response.StatusCode, (long)elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        RequestFailed(_logger, _provider, request.Method.Method, Route(request), exception.GetType().Name, (long)elapsed.TotalMilliseconds);

    private static string Route(HttpRequestMessage request) =>
        request.Options.TryGetValue(RouteKey, out var template) ? template : "(unknown route)";

    [LoggerMessage(10, LogLevel.Debug, "{Provider} {Method} {Route} answered {StatusCode} in {ElapsedMs} ms")]
    private static partial void RequestEnded(ILogger logger, string provider, string method, string route, int statusCode, long elapsedMs);

    [LoggerMessage(11, LogLevel.Debug, "{Provider} {Method} {Route} failed with {ExceptionType} after {ElapsedMs} ms")]
    private static partial void RequestFailed(ILogger logger, string provider, string method, string route, string exceptionType, long elapsedMs);
}
