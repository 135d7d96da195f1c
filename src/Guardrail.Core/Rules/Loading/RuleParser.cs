using System.Text.RegularExpressions;
using Guardrail.Verdicts;
using YamlDotNet.RepresentationModel;

namespace Guardrail.Rules.Loading;

/// <summary>What parsing one rule file produced: the rule when valid, and its id's position for duplicate checks.</summary>
internal sealed record ParsedRule(Rule? Rule, string? Id, int Line, int Column);

/// <summary>Parses one rule file (DESIGN.md §6), reporting every error it can find.</summary>
internal static partial class RuleParser
{
    private static readonly string[] Keys = ["id", "description", "category", "direction", "when", "action", "message", "mask", "tests"];
    private static readonly string[] Directions = ["request", "response", "both"];
    private static readonly string[] Actions = ["allow", "flag", "redact", "block", "revise"];
    private static readonly string[] Expectations = ["match", "no-match"];
    private static readonly string[] CaseKeys = ["text", "expect", "sources"];
    private static readonly string[] RequiredCaseKeys = ["text", "expect"];

    [GeneratedRegex(@"^[a-z0-9-]+(\.[a-z0-9-]+)*$")]
    internal static partial Regex IdFormat();

    public static ParsedRule Parse(string text, string file, IReadOnlyCollection<string> knownDetectors, List<RuleError> errors)
    {
        var y = new YamlFile(file, errors);
        var before = errors.Count;
        if (y.LoadSingle(text, "rule") is not { } rootNode || y.Mapping(rootNode, "a rule file") is not { } root)
        {
            return new ParsedRule(null, null, 0, 0);
        }
        var keys = y.Keys(root, Keys);
        y.Require(root, keys, "id", "description", "when", "action", "tests");

        string? id = null;
        int idLine = 0, idColumn = 0;
        if (keys.TryGetValue("id", out var idKv) && y.String(idKv.Value, "id") is { } idText)
        {
            (idLine, idColumn) = ((int)idKv.Value.Start.Line, (int)idKv.Value.Start.Column);
            if (IdFormat().IsMatch(idText)) id = idText;
            else y.Error(idKv.Value, $"invalid id '{idText}'; use lowercase dotted segments of a-z, 0-9 and '-', e.g. pii.email");
        }
        var description = Optional(y, keys, "description", required: true);
        var category = Optional(y, keys, "category", required: true);
        var message = Optional(y, keys, "message", required: false);
        var mask = Optional(y, keys, "mask", required: false);
        var direction = keys.TryGetValue("direction", out var d) ? y.Choice(d.Value, "direction", Directions) : "both";

        var action = Decision.Flag;
        var revise = false;
        if (keys.TryGetValue("action", out var a) && y.Choice(a.Value, "action", Actions) is { } actionText)
        {
            // revise withholds like block, and first asks the model to fix its answer (Constitutional AI's critique and revision).
            revise = actionText == "revise";
            if (revise) action = Decision.Block;
            else DecisionExtensions.TryParseWire(actionText, out action);
            if (revise && direction is "request") y.Error(a.Value, "action revise applies to answers; a prompt cannot be revised (use direction: response)");
            if (action == Decision.Redact && string.IsNullOrEmpty(mask)) y.Error(a.Value, "action redact needs a 'mask' (e.g. mask: \"[EMAIL]\")");
        }
        var when = keys.TryGetValue("when", out var w) ? new ConditionParser(y, knownDetectors).Parse(w.Value) : null;
        var tests = keys.TryGetValue("tests", out var t) ? Tests(y, t.Key, t.Value) : [];

        if (errors.Count > before || id is null || when is null) return new ParsedRule(null, id, idLine, idColumn);
        var rule = new Rule
        {
            Id = id,
            Description = description ?? "",
            Category = category ?? id.Split('.')[0],
            Direction = direction switch { "request" => RuleDirection.Request, "response" => RuleDirection.Response, _ => RuleDirection.Both },
            When = when,
            Action = action,
            Revise = revise,
            Message = message,
            Mask = mask,
            Tests = tests,
            SourceFile = file,
        };
        return new ParsedRule(rule, id, idLine, idColumn);
    }

    private static string? Optional(YamlFile y, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, string key, bool required) =>
        keys.TryGetValue(key, out var kv) ? y.String(kv.Value, key, required) : null;

    private static List<RuleTestCase> Tests(YamlFile y, YamlScalarNode key, YamlNode node)
    {
        var cases = new List<RuleTestCase>();
        if (node is not YamlSequenceNode seq)
        {
            y.Error(node, "'tests' must be a list of { text, expect, sources? } cases");
            return cases;
        }
        foreach (var item in seq.Children)
        {
            if (y.Mapping(item, "a test case") is not { } map) continue;
            var keys = y.Keys(map, CaseKeys, "test case");
            y.Require(map, keys, RequiredCaseKeys);
            string? text = null;
            if (keys.TryGetValue("text", out var t))
            {
                text = y.String(t.Value, "text", required: false);
                if (text is null || text.Trim().Length == 0) y.Error(t.Value, "test text is empty");
            }
            var expect = keys.TryGetValue("expect", out var e) ? y.Choice(e.Value, "expect", Expectations) : null;
            var sources = keys.TryGetValue("sources", out var src) ? TestSources.Parse(y, src.Value) : null;
            if (text is not null && expect is not null)
            {
                cases.Add(new RuleTestCase(text, expect == "match" ? RuleExpectation.Match : RuleExpectation.NoMatch, (int)item.Start.Line)
                {
                    Sources = sources,
                });
            }
        }
        var expects = seq.Children.OfType<YamlMappingNode>()
            .Select(m => m.Children.TryGetValue(new YamlScalarNode("expect"), out var v) ? (v as YamlScalarNode)?.Value : null)
            .ToHashSet();
        if (!expects.Contains("match")) y.Error(key, "tests need at least one case with expect: match");
        if (!expects.Contains("no-match")) y.Error(key, "tests need at least one case with expect: no-match");
        return cases;
    }
}
