using System.Collections;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using PurchaseSdk.Cli.Commands;
using PurchaseSdk.Cli.Output;
using Spectre.Console;

namespace PurchaseSdk.Cli;

/// <summary>The <c>purchasesdk</c> command line: parsing, the commands, and one error line with a documented exit code.</summary>
internal static class CliApp
{
    private const string RootHelp = """
        Configuration: the library's keys (PurchaseSdk:Kit:AccessToken, PurchaseSdk:Delivery:Sqlite:ConnectionString or
        PurchaseSdk:Delivery:PostgreSql:ConnectionString, ...) from appsettings.json in the current folder (or --config FILE), user secrets, then environment variables
        (PurchaseSdk__Kit__AccessToken). Every provider whose credential is set is used. Secrets are never printed.
        Durable delivery contexts are protected with DataProtection:KeysDirectory and DataProtection:ApplicationName:
        set them to your application's. Output has no colour or animation when redirected or NO_COLOR is set.
        """;

    /// <summary>Runs the tool in this process, on the real console; Ctrl+C (or SIGTERM) stops the command cleanly.</summary>
    public static async Task<int> RunProcessAsync(string[] args)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        var context = ProcessContext(environment, Console.Out, Console.Error, Console.IsOutputRedirected, Console.IsErrorRedirected, Directory.GetCurrentDirectory());

        using var stop = new CancellationTokenSource();
        var stopping = 0;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C stops the command cleanly; a second one ends the process at once.
            if (Interlocked.Exchange(ref stopping, 1) == 0)
            {
                e.Cancel = true;
                Terminal.Line(context.Error, "Stopping (Ctrl+C again to end at once)...");
                stop.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        try
        {
            return await RunAsync(args, context, stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// The context of a process: colour, ANSI and animation only on a terminal, and never with NO_COLOR set or TERM=dumb;
    /// redirected output gets room for tables instead of 80 columns.
    /// </summary>
    internal static CliContext ProcessContext(IReadOnlyDictionary<string, string> environment, TextWriter output, TextWriter error, bool outputRedirected, bool errorRedirected, string workingDirectory)
    {
        var plain = (environment.TryGetValue("NO_COLOR", out var noColor) && noColor.Length > 0)
            || (environment.TryGetValue("TERM", out var term) && term == "dumb");
        return new CliContext
        {
            Out = CreateConsole(output, plain || outputRedirected, outputRedirected),
            Error = CreateConsole(error, plain || errorRedirected, errorRedirected),
            Animate = !plain && !errorRedirected,
            WorkingDirectory = workingDirectory,
            Environment = environment,
            In = Console.In,
        };
    }

    /// <summary>Runs one command line with <paramref name="context"/>'s consoles; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var root = Build(context);
        var parse = root.Parse(args);
        var output = new ConsoleWriter(context.Out);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            var command = string.Join(' ', Ancestry(parse.CommandResult.Command));
            var messages = parse.Errors.Select(static e => e.Message).Distinct().OrderBy(static m => m.StartsWith("Required command", StringComparison.Ordinal) ? 1 : 0);
            Terminal.Error(context, $"{string.Join(" ", messages)} See '{command} --help'.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = new ConsoleWriter(context.Error), EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancellationToken);
        }
        catch (CliException exception)
        {
            Terminal.Error(context, exception.Message);
            return exception.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Terminal.Error(context, "Interrupted; nothing was half written.");
            return ExitCodes.Interrupted;
        }
        catch (OptionsValidationException exception)
        {
            Terminal.Error(context, "Invalid configuration: " + string.Join(" ", exception.Failures));
            return ExitCodes.Configuration;
        }
        catch (PurchaseValidationException exception)
        {
            Terminal.Error(context, exception.Message);
            return ExitCodes.InvalidInput;
        }
#pragma warning disable CA1031 // The last resort: one line, never a stack trace with a user's data in it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Terminal.Error(context, $"Unexpected {exception.GetType().Name}: {exception.Message}");
            return ExitCodes.Internal;
        }
    }

    private static RootCommand Build(CliContext context)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("purchasesdk: preview, send, validate and backfill purchases for PurchaseSdk's providers (Scout, Rundl, Kit, Drip, Elastic Path), and operate durable deliveries.");
        globals.AddTo(root);
        var examples = new Dictionary<Command, string>();
        void Add(Command command, string example)
        {
            root.Subcommands.Add(command);
            examples[command] = example;
        }

        Add(PreviewCommand.Create(context, globals), PreviewCommand.Examples);
        Add(SendCommand.Create(context, globals), SendCommand.Examples);
        Add(ValidateCommand.Create(context), ValidateCommand.Examples);
        Add(BackfillCommand.Create(context, globals), BackfillCommand.Examples);
        var deliveries = DeliveriesCommand.Create(context, globals);
        Add(deliveries, DeliveriesCommand.Examples);
        foreach (var sub in deliveries.Subcommands)
        {
            examples[sub] = DeliveriesCommand.SubcommandExamples[sub.Name];
        }

        examples[root] = """
              purchasesdk preview purchase.json
              purchasesdk send purchase.json --sandbox
              purchasesdk validate orders.jsonl
              purchasesdk backfill orders.jsonl --provider Kit --wait
              purchasesdk deliveries --state failed
            """ + "\n\n" + RootHelp + "\n\n" + ExitCodes.Help;
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new ExamplesHelpAction(help.Action as HelpAction ?? new HelpAction(), examples);
        }

        return root;
    }

    private static List<string> Ancestry(Command command)
    {
        var names = new List<string>();
        for (var symbol = (System.CommandLine.Symbol?)command; symbol is not null; symbol = symbol.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, symbol is RootCommand ? "purchasesdk" : symbol.Name);
        }

        return names;
    }

    private static IAnsiConsole CreateConsole(TextWriter writer, bool plain, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(writer),
        });
        if (redirected)
        {
            // A file or a pipe has no width: tables get room instead of wrapping at 80 columns.
            console.Profile.Width = 160;
        }

        return console;
    }

    /// <summary>The default help, then the command's examples.</summary>
    private sealed class ExamplesHelpAction : SynchronousCommandLineAction
    {
        private readonly HelpAction _help;
        private readonly Dictionary<Command, string> _examples;

        public ExamplesHelpAction(HelpAction help, Dictionary<Command, string> examples)
        {
            _help = help;
            _examples = examples;
        }

        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            _help.MaxWidth = 120;
            _help.Invoke(parseResult);
            if (_examples.TryGetValue(parseResult.CommandResult.Command, out var examples))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                output.WriteLine(examples.TrimEnd());
                output.WriteLine();
            }

            return ExitCodes.Success;
        }
    }

    /// <summary>A text writer onto a Spectre console's own output, for System.CommandLine's help.</summary>
    private sealed class ConsoleWriter : TextWriter
    {
        private readonly TextWriter _inner;

        public ConsoleWriter(IAnsiConsole console) => _inner = console.Profile.Out.Writer;

        public override System.Text.Encoding Encoding => _inner.Encoding;

        public override void Write(char value) => _inner.Write(value);

        public override void Write(string? value) => _inner.Write(value);

        public override void Flush() => _inner.Flush();
    }
}
