using System.Text.RegularExpressions;
using Guardrail.Audit;
using Guardrail.Rules;
using Guardrail.Rules.Loading;
using Guardrail.Verdicts;
using YamlDotNet.RepresentationModel;

namespace Guardrail.Policies;

/// <summary>Parses one policy file (<c>policies/&lt;name&gt;.yaml</c>), reporting every error it can find.</summary>
internal static partial class PolicyParser
{
    private static readonly string[] Keys =
        ["name", "description", "checks", "rules", "overrides", "streaming", "failMode", "limits", "grounding", "audit", "judge", "revise", "blockMessage", "promptBlockMessage"];
    private static readonly string[] LimitKeys = ["requestBytes", "responseBytes", "oversize"];
    private static readonly string[] AuditKeys = ["text"];
    private static readonly string[] AuditTextModes = ["masked", "full", "none"];
    private static readonly string[] JudgeKeys = ["sample", "band", "text", "sync"];
    private static readonly string[] JudgeSyncKeys = ["categories", "budgetMs", "action"];

    [GeneratedRegex(@"^(\*|[a-z0-9-]+(\.[a-z0-9-]+)*(\.\*|\*)?)$")]
    private static partial Regex PatternFormat();

    /// <summary>True for a rule id, <c>*</c>, or a prefix ending in <c>*</c>: what <c>rules:</c> and <c>overrides:</c> accept.</summary>
    public static bool IsPattern(string text) => PatternFormat().IsMatch(text);

    /// <param name="text">The file's contents.</param>
    /// <param name="file">Path relative to the rules folder, for errors.</param>
    /// <param name="rules">Every rule id in the folder, with the rule when it loaded without errors.</param>
    /// <param name="errors">Receives every problem found.</param>
    public static Policy? Parse(string text, string file, IReadOnlyDictionary<string, Rule?> rules, List<RuleError> errors)
    {
        var y = new YamlFile(file, errors);
        var before = errors.Count;
        if (y.LoadSingle(text, "policy") is not { } rootNode || y.Mapping(rootNode, "a policy file") is not { } root) return null;
        var keys = y.Keys(root, Keys);
        y.Require(root, keys, "name");

        var expectedName = Path.GetFileNameWithoutExtension(file);
        string? name = null;
        if (keys.TryGetValue("name", out var n) && y.String(n.Value, "name") is { } nameText)
        {
            name = nameText;
            if (nameText != expectedName) y.Error(n.Value, $"policy name '{nameText}' must equal the file name '{expectedName}'");
        }
        var patterns = new List<string>();
        if (keys.TryGetValue("rules", out var r) && y.Strings(r.Value, "rules") is { } list)
        {
            foreach (var (pattern, node) in list)
            {
                if (IsPattern(pattern)) patterns.Add(pattern);
                else y.Error(node, $"invalid rule pattern '{pattern}'; use a rule id or a prefix ending in * (e.g. pii.*)");
            }
        }
        var overrides = keys.TryGetValue("overrides", out var o) ? PolicyOverridesParser.Parse(y, o.Value, rules) : [];
        var passthrough = Choice(y, keys, "checks", ["all", "none"]) == "none";
        if (passthrough && r.Value is not null) y.Error(r.Value, "'checks: none' runs no rules; drop 'rules' (or set 'checks: all')");
        var policy = new Policy
        {
            Name = name ?? expectedName,
            Description = Text(y, keys, "description") ?? "",
            Rules = patterns,
            Passthrough = passthrough,
            Overrides = overrides,
            Streaming = Choice(y, keys, "streaming", ["hold-back", "observe", "buffer"]) switch
            {
                "observe" => StreamingMode.Observe,
                "buffer" => StreamingMode.Buffer,
                _ => StreamingMode.HoldBack,
            },
            FailMode = Choice(y, keys, "failMode", ["open", "closed"]) == "closed" ? FailMode.Closed : FailMode.Open,
            BlockMessage = Text(y, keys, "blockMessage") ?? Policy.Default.BlockMessage,
            PromptBlockMessage = Text(y, keys, "promptBlockMessage") ?? Policy.Default.PromptBlockMessage,
        };
        if (keys.TryGetValue("limits", out var l) && y.Mapping(l.Value, "'limits'") is { } limits)
        {
            var lk = y.Keys(limits, LimitKeys, "limits");
            if (lk.TryGetValue("requestBytes", out var rq) && y.PositiveInteger(rq.Value, "requestBytes") is { } req)
                policy = policy with { MaxRequestBytes = req };
            if (lk.TryGetValue("responseBytes", out var rs) && y.PositiveInteger(rs.Value, "responseBytes") is { } res)
                policy = policy with { MaxResponseBytes = res };
            if (lk.TryGetValue("oversize", out var ov) && y.Choice(ov.Value, "oversize", ["unchecked", "block"]) == "block")
                policy = policy with { Oversize = OversizeAction.Block };
        }
        if (keys.TryGetValue("grounding", out var g) && PolicyGroundingParser.Parse(y, g.Value) is { } grounding)
        {
            policy = policy with { Grounding = grounding };
        }
        if (keys.TryGetValue("audit", out var au) && y.Mapping(au.Value, "'audit'") is { } audit)
        {
            var ak = y.Keys(audit, AuditKeys, "audit");
            if (ak.TryGetValue("text", out var at) && y.Choice(at.Value, "audit.text", AuditTextModes) is { } mode)
            {
                policy = policy with { AuditText = mode switch { "full" => AuditTextMode.Full, "none" => AuditTextMode.None, _ => AuditTextMode.Masked } };
            }
        }
        if (keys.TryGetValue("revise", out var rv) && y.Mapping(rv.Value, "'revise'") is { } revise)
        {
            var rk = y.Keys(revise, ["budgetMs"], "revise");
            if (rk.TryGetValue("budgetMs", out var rb) && y.PositiveInteger(rb.Value, "revise.budgetMs", "milliseconds", 600_000) is { } ms)
            {
                policy = policy with { ReviseBudget = TimeSpan.FromMilliseconds(ms) };
            }
        }
        if (keys.TryGetValue("judge", out var j) && y.Mapping(j.Value, "'judge'") is { } judge)
        {
            var jk = y.Keys(judge, JudgeKeys, "judge");
            policy = policy with
            {
                Judge = new JudgePolicy
                {
                    SampleRate = jk.TryGetValue("sample", out var js) ? y.Threshold(js.Value, "judge.sample") : null,
                    Band = jk.TryGetValue("band", out var jb) ? y.Threshold(jb.Value, "judge.band") : null,
                    Text = jk.TryGetValue("text", out var jt) && y.Choice(jt.Value, "judge.text", ["audit", "full"]) == "full" ? JudgeTextMode.Full : JudgeTextMode.Audit,
                },
            };
            if (jk.TryGetValue("sync", out var sync) && y.Mapping(sync.Value, "'judge.sync'") is { } syncMap)
            {
                var sk = y.Keys(syncMap, JudgeSyncKeys, "judge.sync");
                y.Require(syncMap, sk, "categories");
                var categories = sk.TryGetValue("categories", out var sc) ? y.Strings(sc.Value, "judge.sync.categories") : null;
                var budget = sk.TryGetValue("budgetMs", out var sb) ? y.PositiveInteger(sb.Value, "judge.sync.budgetMs", "milliseconds", 600_000) : null;
                var action = sk.TryGetValue("action", out var sa) ? y.Choice(sa.Value, "judge.sync.action", ["flag", "block"]) : null;
                policy = policy with
                {
                    Judge = policy.Judge with
                    {
                        SyncCategories = categories?.Select(c => c.Value).ToArray() ?? [],
                        SyncBudget = budget is { } ms ? TimeSpan.FromMilliseconds(ms) : policy.Judge.SyncBudget,
                        SyncAction = action == "block" ? Decision.Block : Decision.Flag,
                    },
                };
            }
        }
        return errors.Count == before ? policy : null;
    }

    private static string? Text(YamlFile y, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, string key) =>
        keys.TryGetValue(key, out var kv) ? y.String(kv.Value, key, required: false) : null;

    private static string? Choice(YamlFile y, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, string key, string[] allowed) =>
        keys.TryGetValue(key, out var kv) ? y.Choice(kv.Value, key, allowed) : null;
}
