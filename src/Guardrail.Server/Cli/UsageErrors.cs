using System.CommandLine;
using System.CommandLine.Parsing;
using Guardrail.Rules.Loading;

namespace Guardrail.Server.Cli;

/// <summary>
/// The one place that decides whether a command line is a usage error, for every command: an unknown option,
/// command or extra argument is named with a suggestion or the valid choices, in one line (exit code 2).
/// </summary>
internal static class UsageErrors
{
    /// <summary>The usage error of <paramref name="parse"/>, or null when the command line is valid.</summary>
    public static string? Find(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var bad = OptionReadAsArgument(parse.CommandResult)
            // serve leaves unmatched tokens to the host as configuration; only those that are configuration pass.
            ?? (command.TreatUnmatchedTokensAsErrors ? parse.UnmatchedTokens.FirstOrDefault() : NotHostConfiguration(parse.UnmatchedTokens));
        if (bad is not null) return Describe(parse.CommandResult, bad);
        return parse.Errors.Count > 0 ? parse.Errors[0].Message : null;
    }

    // The parser reads an unknown option where a command takes an argument as that argument ("rules test
    // --formta json" would test the folder "--formta"): such a value is an unknown option, not a folder.
    private static string? OptionReadAsArgument(CommandResult result) =>
        result.Children.OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens).Select(t => t.Value)
            .FirstOrDefault(v => v.Length > 1 && v.StartsWith('-'));

    private static string? NotHostConfiguration(IReadOnlyList<string> unmatched)
    {
        HostArguments.Split(unmatched, out var bad);
        return bad;
    }

    private static string Describe(CommandResult result, string token)
    {
        var command = result.Command;
        var name = CommandPath(result);
        var where = name.Length == 0 ? null : $"'{name}'";
        if (token.StartsWith('-')) return KeySuggestion.Unknown("option", token, Options(result).ToList(), where);
        if (command.Subcommands.Count > 0) return KeySuggestion.Unknown("command", token, command.Subcommands.Select(c => c.Name).ToList(), where);
        var takes = command.Arguments.Count == 0
            ? "it takes no arguments"
            : $"it takes {string.Join(" ", command.Arguments.Select(a => a.Name))}";
        return $"unexpected argument '{token}' in {where}; {takes}, and options {string.Join(", ", Options(result))}";
    }

    // The command's own options and the recursive ones of its parents (--help), without hidden ones.
    private static IEnumerable<string> Options(CommandResult result)
    {
        var own = result.Command.Options.Where(o => !o.Hidden).Select(o => o.Name);
        var inherited = new List<string>();
        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            inherited.AddRange(parent.Command.Options.Where(o => o.Recursive && !o.Hidden).Select(o => o.Name));
        }
        return own.Concat(inherited).Distinct();
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (var r = result; r is not null && r.Command is not RootCommand; r = r.Parent as CommandResult) names.Insert(0, r.Command.Name);
        return string.Join(" ", names);
    }
}
