using Guardrail.Audit;
using Guardrail.Grounding;
using Guardrail.Verdicts;

namespace Guardrail.Policies;

/// <summary>How streamed answers are released (DESIGN.md §4).</summary>
public enum StreamingMode
{
    /// <summary>Release text only after its sentence passed; leaks nothing.</summary>
    HoldBack,
    /// <summary>Forward at once, cut when a sentence fails; leaks at most that sentence.</summary>
    Observe,
    /// <summary>Check the whole answer before releasing any of it.</summary>
    Buffer,
}

/// <summary>What happens when a check fails to run.</summary>
public enum FailMode
{
    /// <summary>Let the exchange through with decision <c>unchecked</c>.</summary>
    Open,
    /// <summary>Block the exchange.</summary>
    Closed,
}

/// <summary>What happens to bodies over the size limits.</summary>
public enum OversizeAction
{
    /// <summary>Pass through unchanged with decision <c>unchecked</c>.</summary>
    Unchecked,
    /// <summary>Refuse the exchange.</summary>
    Block,
}

/// <summary>Per-rule settings a policy changes; a null field leaves the setting to a less specific override or the rule.</summary>
/// <param name="Action">Replacement action, if any.</param>
/// <param name="Above">Replacement threshold for detector/classifier conditions, if any.</param>
/// <param name="Enabled">False switches the rule off; true or null leaves it on (unless a less specific override says false).</param>
public sealed record RuleOverride(Decision? Action = null, double? Above = null, bool? Enabled = null);

/// <summary>A named policy (YAML in <c>rules/policies/</c>): which rules run, with what actions, limits and modes.</summary>
public sealed record Policy
{
    /// <summary>The name routes refer to.</summary>
    public required string Name { get; init; }

    /// <summary>What the policy is for.</summary>
    public string Description { get; init; } = "";

    /// <summary>Rule id patterns (<c>*</c> wildcard) to enable; empty means every loaded rule.</summary>
    public IReadOnlyList<string> Rules { get; init; } = [];

    /// <summary>
    /// Per-rule overrides, keyed by a rule id or a pattern as in <see cref="Rules"/> (<c>pii.prompt.*</c>). Read them
    /// with <see cref="PolicyRules.OverrideFor"/>: for each setting, an exact id wins over a pattern, a longer pattern over a shorter.
    /// </summary>
    public IReadOnlyDictionary<string, RuleOverride> Overrides { get; init; } = new Dictionary<string, RuleOverride>();

    /// <summary>
    /// <c>checks: none</c>: the guard reads nothing. Bodies pass byte for byte (a <c>guardrail</c> extension field
    /// included) and the verdict is <c>unchecked</c> with reason <c>passthrough</c>, so the route is never mistaken for a
    /// checked one. For routes whose traffic is trusted, and as the load harness's measure of the proxy's own cost.
    /// </summary>
    public bool Passthrough { get; init; }

    /// <summary>Streaming release mode. Default hold-back: zero leak and redaction work.</summary>
    public StreamingMode Streaming { get; init; } = StreamingMode.HoldBack;

    /// <summary>Fail mode for check errors. Default open (decision <c>unchecked</c>, never <c>allow</c>).</summary>
    public FailMode FailMode { get; init; } = FailMode.Open;

    /// <summary>Largest request body inspected, in bytes. Default 4 MiB.</summary>
    public long MaxRequestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest response body inspected, in bytes. Default 8 MiB.</summary>
    public long MaxResponseBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>What happens to larger bodies. Default unchecked pass-through.</summary>
    public OversizeAction Oversize { get; init; } = OversizeAction.Unchecked;

    /// <summary>Replaces a blocked completion's content.</summary>
    public string BlockMessage { get; init; } = "The answer was withheld by policy.";

    /// <summary>The error message of a blocked prompt.</summary>
    public string PromptBlockMessage { get; init; } = "The prompt was blocked by policy.";

    /// <summary>
    /// The <c>grounding:</c> section: where sources are found, their limits, the support threshold and whether
    /// citations are required. Pass it to <see cref="SourceExtractor.Extract"/>; the check reads it from the set.
    /// </summary>
    public SourceOptions Grounding { get; init; } = SourceOptions.Default;

    /// <summary>
    /// The <c>audit:</c> section's <c>text</c>: how much of the exchange's text the audit store keeps. Default masked
    /// (every span a redact, block or <c>pii</c> finding names is overwritten); full text only when a policy says so.
    /// </summary>
    public AuditTextMode AuditText { get; init; } = AuditTextMode.Masked;

    /// <summary>
    /// The <c>revise:</c> section's <c>budgetMs</c>: the most a <c>revise</c> rule's revision may add to an exchange (the
    /// upstream's second answer and its checks); past it the original decision stands. Default 15 s.
    /// </summary>
    public TimeSpan ReviseBudget { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The <c>judge:</c> section: sample rate, uncertainty band and what the judge sees, over the serve-wide settings.</summary>
    public JudgePolicy Judge { get; init; } = JudgePolicy.Default;

    /// <summary>The built-in policy used when no policy file is given.</summary>
    public static Policy Default { get; } = new() { Name = "default" };
}
