using System.Xml.Linq;
using Microsoft.Extensions.Configuration;

namespace PurchaseSdk.Cli.Hosting;

/// <summary>
/// The tool's configuration, the library's own keys from the usual places, later sources winning:
/// <c>appsettings.json</c> in the current folder (or <c>--config FILE</c>), user secrets, environment variables
/// (<c>PurchaseSdk__Kit__AccessToken</c>).
/// </summary>
internal static class ToolConfiguration
{
    public static IConfigurationRoot Build(CliContext context, GlobalSettings settings)
    {
        var builder = new ConfigurationBuilder();
        if (settings.ConfigFile is { } file)
        {
            var path = context.FullPath(file);
            if (!File.Exists(path))
            {
                throw new CliException(ExitCodes.Configuration, $"The configuration file {file} does not exist.");
            }

            builder.AddJsonFile(path, optional: false, reloadOnChange: false);
        }
        else
        {
            builder.AddJsonFile(Path.Combine(context.WorkingDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        }

        if ((settings.UserSecretsId ?? ProjectUserSecretsId(context.WorkingDirectory)) is { } secretsId)
        {
            builder.AddUserSecrets(secretsId, reloadOnChange: false);
        }

        // Environment variables as .NET reads them: '__' separates sections.
        builder.AddInMemoryCollection(context.Environment
            .Where(static e => e.Key.Contains("__", StringComparison.Ordinal))
            .Select(static e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)));
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException exception)
        {
            throw new CliException(ExitCodes.Configuration, exception.Message);
        }
        catch (FormatException exception)
        {
            throw new CliException(ExitCodes.Configuration, exception.Message);
        }
    }

    /// <summary>The <c>UserSecretsId</c> of the one project file in <paramref name="folder"/>, as <c>dotnet user-secrets</c> finds it.</summary>
    private static string? ProjectUserSecretsId(string folder)
    {
        try
        {
            var projects = Directory.GetFiles(folder, "*.csproj");
            if (projects.Length != 1)
            {
                return null;
            }

            return XDocument.Load(projects[0]).Descendants("UserSecretsId").Select(static e => e.Value.Trim()).FirstOrDefault(static v => v.Length > 0);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            return null;
        }
    }
}
