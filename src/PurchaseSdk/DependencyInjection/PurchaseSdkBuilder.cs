using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

internal sealed class PurchaseSdkBuilder : IPurchaseSdkBuilder
{
    public PurchaseSdkBuilder(IServiceCollection services, IConfiguration? configuration)
    {
        Services = services;
        Configuration = configuration;
    }

    public IServiceCollection Services { get; }

    public IConfiguration? Configuration { get; }
}
