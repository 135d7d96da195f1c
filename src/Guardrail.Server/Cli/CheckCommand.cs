using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Pipeline;
using Guardrail.Verdicts;

namespace Guardrail.Server.Cli;

/// <summary>
/// <c>guardrail check</c>: JSONL in (<c>{id, text}</c> or <c>{id, request, response, path?}</c>), one
/// <c>{id, verdict}</c> line out per input line, in order; exit 0 whatever the decisions.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var input = new Option<string?>("--input") { Description = "JSONL file to check, or - for standard input." };
        var text = new Option<string?>("--text") { Description = "A single text to check as an assistant answer." };
        var rules = new Option<string>("--rules") { Description = "Rules folder.", DefaultValueFactory = _ => CliRules.DefaultDirectory };
        var policy = new Option<string>("--policy") { Description = "Policy name.", DefaultValueFactory = _ => "default" };
        var models = CliDetectors.ModelsOption();
        var command = new Command("check", "Check texts or recorded exchanges and print one verdict per input.") { input, text, rules, policy, models };
        command.SetAction(parse => Run(parse.GetValue(input), parse.GetValue(text), parse.GetValue(rules)!, parse.GetValue(policy)!, Console.In, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(models)!));
        return command;
    }

    /// <summary>Runs the command against the given streams; returns the exit code.</summary>
    public static int Run(string? input, string? text, string rulesDir, string policy, TextReader stdin, TextWriter stdout, TextWriter stderr, string modelsDir = CliDetectors.DefaultModels)
    {
        if ((input is null) == (text is null))
        {
            stderr.WriteLine("guardrail check: give exactly one of --input FILE|- or --text \"...\"");
            return 2;
        }
        if (input is not null && input != "-" && !File.Exists(input))
        {
            stderr.WriteLine($"guardrail check: input file '{input}' does not exist");
            return 2;
        }
        if (!File.Exists(Path.Combine(modelsDir, "toxicity.json")))
        {
            stderr.WriteLine($"guardrail check: models folder '{modelsDir}' has no toxicity.json");
            return 2;
        }
        var engine = CliRules.LoadEngine(rulesDir, policy, CliDetectors.Create(modelsDir), stderr, "check");
        if (engine is null) return 2;
        var checker = new ExchangeChecker(engine, TimeProvider.System);
        if (text is not null)
        {
            stdout.WriteLine(Line(null, checker.CheckText(text)));
            return 0;
        }
        using var reader = input == "-" ? null : new StreamReader(input!);
        var source = reader ?? stdin;
        var lineNumber = 0;
        while (source.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var (id, verdict) = CheckLine(checker, line, lineNumber);
            stdout.WriteLine(Line(id, verdict));
        }
        return 0;
    }

    // A line that cannot be read still gets its output line (unchecked, with the reason), so nothing is lost.
    private static (JsonNode? Id, Verdict Verdict) CheckLine(ExchangeChecker checker, string line, int lineNumber)
    {
        JsonObject? item;
        try
        {
            item = JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            item = null;
        }
        if (item is null) return (null, checker.Unreadable($"line {lineNumber} is not a JSON object"));
        var id = item["id"]?.DeepClone();
        if (item["text"] is JsonValue t && t.TryGetValue<string>(out var s)) return (id, checker.CheckText(s));
        // "path" (e.g. /v1/messages) picks the API's adapter, as the proxy does by the request's URL; default Chat Completions.
        var path = item["path"] is JsonValue p && p.TryGetValue<string>(out var ps) ? ps : null;
        if (item["request"] is not null || item["response"] is not null) return (id, checker.CheckExchange(item["request"], item["response"], path));
        return (id, checker.Unreadable($"line {lineNumber} has neither \"text\" nor \"request\"/\"response\""));
    }

    private static string Line(JsonNode? id, Verdict verdict) =>
        WireJson.Serialize(new JsonObject { ["id"] = id, ["verdict"] = VerdictJson.ToJson(verdict) });
}
