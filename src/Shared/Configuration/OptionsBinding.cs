using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace PurchaseSdk.Configuration;

/// <summary>
/// How every PurchaseSdk settings class binds: from the section the application handed to the builder, or, when it
/// handed none, from the application's own <see cref="IConfiguration"/> at a fixed path, read when the options are built.
/// </summary>
internal static class OptionsBinding
{
    /// <param name="options">The options to bind.</param>
    /// <param name="section">The section given to the builder, already at the settings' level; null when none was given.</param>
    /// <param name="path">Where the settings live in the application's configuration (for example <c>PurchaseSdk:Kit</c>).</param>
    /// <param name="bind">
    /// The binding, written at the call site as <c>(section, o) =&gt; section.Bind(o)</c> so that the configuration binder's
    /// source generator sees the concrete options type (Native AOT).
    /// </param>
    public static OptionsBuilder<TOptions> BindFrom<TOptions>(this OptionsBuilder<TOptions> options, IConfiguration? section, string path, Action<IConfiguration, TOptions> bind)
        where TOptions : class
    {
        if (section is not null)
        {
            options.Configure(o => bind(section, o));
        }
        else
        {
            options.Configure<IServiceProvider>((o, services) =>
            {
                if (services.GetService(typeof(IConfiguration)) is IConfiguration root)
                {
                    bind(root.GetSection(path), o);
                }
            });
        }

        return options;
    }
}
