using System.CommandLine;

namespace Guardrail.Server.Cli;

/// <summary>The <c>guardrail</c> command line (DESIGN.md §13).</summary>
public static class GuardrailCli
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("Guardrail: a safety and grounding guard for LLM APIs.")
        {
            ServeCommand.Create(),
            CheckCommand.Create(),
            RulesCommand.Create(),
            ModelCommands.Train(),
            ModelCommands.Eval(),
            FeedbackCommand.Create(),
            ModelsCommand.Create(),
        };
        return root;
    }

    /// <summary>
    /// Runs the command line. Arguments that start with an option rather than a command (as
    /// WebApplicationFactory and `dotnet run -- --key=value` pass them) mean <c>serve</c>.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="cancellationToken">Stops a running <c>serve</c>.</param>
    /// <param name="error">Where messages go (default: standard error).</param>
    /// <param name="output">Where results go (default: standard output).</param>
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default, TextWriter? error = null, TextWriter? output = null)
    {
        if (args.Length == 0 || (args[0].StartsWith("--", StringComparison.Ordinal) && args[0] is not ("--help" or "--version")))
        {
            args = ["serve", .. args];
        }
        var parse = Create().Parse(args);
        if (UsageErrors.Find(parse) is { } usage)
        {
            // A usage error is one line on stderr and exit code 2, not a page of help (`--help` prints that).
            (error ?? Console.Error).WriteLine($"guardrail: {usage} (see --help)");
            return Task.FromResult(2);
        }
        // Commands write through the invocation's writers, so a test (or a caller) sees exactly what a user would.
        return parse.InvokeAsync(new InvocationConfiguration { Error = error ?? Console.Error, Output = output ?? Console.Out }, cancellationToken);
    }
}
