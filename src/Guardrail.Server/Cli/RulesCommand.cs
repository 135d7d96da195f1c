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
        var judge = new Option<string?>("--judge-upstream") { Description = "Also send each constitution principle's examples to this OpenAI-compatible judge (base URL); its API key comes from Guardrail__Judge__ApiKey." };
        var judgeModel = new Option<string?>("--judge-model") { Description = "The judge's model (default: Guardrail:Judge:Model, else gpt-4o-mini)." };
        var constitution = new Option<string?>("--constitution") { Description = "Constitution file (default: DIR/constitution.yaml)." };
        var command = new Command("test", "Run every rule's embedded test cases, and with --judge-upstream the constitution's examples.") { dir, format, models, judge, judgeModel, constitution };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var rules = RunTest(parse.GetValue(dir)!, parse.GetValue(format)!, output, error, parse.GetValue(models)!);
            if (rules == 2) return 2;
            var judged = await ConstitutionCli.TestAsync(parse.GetValue(dir)!, parse.GetValue(constitution), parse.GetValue(judge), parse.GetValue(judgeModel), output, error, ct);
            return Math.Max(rules, judged);
        });
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
        // The judge's constitution sits beside the rules and is linted with them.
        var constitution = Guardrail.Judging.ConstitutionLoader.LoadFromRules(dir);
        var errors = result.Errors.Concat(constitution?.Errors ?? []).ToList();
        var principles = constitution?.Constitution?.Principles.Count ?? 0;
        if (format == "json")
        {
            stdout.WriteLine(WireJson.Serialize(new JsonObject
            {
                ["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject { ["file"] = e.File, ["line"] = e.Line, ["column"] = e.Column, ["message"] = e.Message }).ToArray()),
                ["rules"] = result.RuleSet?.Rules.Count ?? 0,
                ["policies"] = result.Policies.Count,
                ["principles"] = principles,
            }));
        }
        else
        {
            foreach (var e in errors) stdout.WriteLine(e);
            var judged = constitution is null ? "" : $" and a constitution of {principles} principles";
            stdout.WriteLine(errors.Count == 0
                ? $"{result.RuleSet!.Rules.Count} rules, {result.Policies.Count} policies{judged}, no errors"
                : $"{errors.Count} error(s)");
        }
        return errors.Count == 0 ? 0 : 1;
    }
}
