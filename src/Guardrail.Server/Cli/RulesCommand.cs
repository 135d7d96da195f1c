using System.CommandLine;
using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.ML.Detection;
using Guardrail.Rules.Testing;
using Guardrail.Verdicts;

namespace Guardrail.Server.Cli;

/// <summary><c>guardrail rules test|lint [DIR]</c>: runs every rule's embedded cases, or validates the folder.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules", "Test and lint rule files.");
        command.Subcommands.Add(Test());
        command.Subcommands.Add(Lint());
        return command;
    }

    private static Command Test()
    {
        var dir = new Argument<string>("DIR") { Description = "Rules folder.", DefaultValueFactory = _ => CliRules.DefaultDirectory };
        var format = FormatOption();
        var models = CliDetectors.ModelsOption();
        var command = new Command("test", "Run every rule's embedded test cases.") { dir, format, models };
        command.SetAction(parse => RunTest(parse.GetValue(dir)!, parse.GetValue(format)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(models)!));
        return command;
    }

    private static Command Lint()
    {
        var dir = new Argument<string>("DIR") { Description = "Rules folder.", DefaultValueFactory = _ => CliRules.DefaultDirectory };
        var format = FormatOption();
        var models = CliDetectors.ModelsOption();
        var command = new Command("lint", "Validate rule and policy files; report every error as file:line:column: message.") { dir, format, models };
        command.SetAction(parse => RunLint(parse.GetValue(dir)!, parse.GetValue(format)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(models)!));
        return command;
    }

    private static Option<string> FormatOption() => new("--format")
    {
        Description = "Output format: text or json.",
        DefaultValueFactory = _ => "text",
        Validators = { r => { if (r.GetValueOrDefault<string>() is not ("text" or "json")) r.AddError("--format must be text or json"); } },
    };

    /// <summary>Runs the cases; exit 1 when any fails, 2 when the folder does not load.</summary>
    public static int RunTest(string dir, string format, TextWriter stdout, TextWriter stderr, string modelsDir = CliDetectors.DefaultModels)
    {
        var detectors = CliDetectors.TryCreate(modelsDir, stderr, "rules test");
        if (detectors is null) return 2;
        var loaded = CliRules.Load(dir, detectors, stderr, "rules test");
        if (loaded is null) return 2;
        var results = RuleTestRunner.Run(loaded.RuleSet!, detectors);
        if (format == "json")
        {
            var array = new JsonArray(results.Select(r => (JsonNode)new JsonObject
            {
                ["rule"] = r.RuleId, ["file"] = r.File, ["line"] = r.Line, ["text"] = r.Text,
                ["expected"] = RuleTestReport.Wire(r.Expected), ["actual"] = RuleTestReport.Wire(r.Actual), ["passed"] = r.Passed,
            }).ToArray());
            stdout.WriteLine(WireJson.Serialize(new JsonObject { ["results"] = array, ["passed"] = results.Count(r => r.Passed), ["failed"] = results.Count(r => !r.Passed) }));
        }
        else
        {
            RuleTestReport.Format(results, stdout);
        }
        return results.All(r => r.Passed) ? 0 : 1;
    }

    /// <summary>Validates the folder; exit 1 when it has errors.</summary>
    public static int RunLint(string dir, string format, TextWriter stdout, TextWriter stderr, string modelsDir = CliDetectors.DefaultModels)
    {
        if (!Directory.Exists(dir))
        {
            stderr.WriteLine($"guardrail rules lint: rules folder '{dir}' does not exist");
            return 2;
        }
        // The detectors serve registers, through the same builder calls (DESIGN §10.11): a detector added there is known here.
        var detectors = CliDetectors.TryCreate(modelsDir, stderr, "rules lint");
        if (detectors is null) return 2;
        var result = Guardrail.Rules.Loading.RuleLoader.Load(dir, detectors.Names);
        if (format == "json")
        {
            stdout.WriteLine(WireJson.Serialize(new JsonObject
            {
                ["errors"] = new JsonArray(result.Errors.Select(e => (JsonNode)new JsonObject { ["file"] = e.File, ["line"] = e.Line, ["column"] = e.Column, ["message"] = e.Message }).ToArray()),
                ["rules"] = result.RuleSet?.Rules.Count ?? 0,
                ["policies"] = result.Policies.Count,
            }));
        }
        else
        {
            foreach (var e in result.Errors) stdout.WriteLine(e);
            stdout.WriteLine(result.Success
                ? $"{result.RuleSet!.Rules.Count} rules and {result.Policies.Count} policies, no errors"
                : $"{result.Errors.Count} error(s)");
        }
        return result.Success ? 0 : 1;
    }
}
