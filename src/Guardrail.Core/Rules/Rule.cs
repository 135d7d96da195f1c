using Guardrail.Detection;
using Guardrail.Verdicts;

namespace Guardrail.Rules;

/// <summary>Which side of the exchange a rule inspects.</summary>
public enum RuleDirection
{
    /// <summary>Prompts only.</summary>
    Request,
    /// <summary>Answers only.</summary>
    Response,
    /// <summary>Both sides.</summary>
    Both,
}

/// <summary>One rule loaded from a YAML file in <c>rules/</c> (DESIGN.md §6).</summary>
public sealed record Rule
{
    /// <summary>Unique id, e.g. <c>pii.email</c>; the first dotted segment is the default category.</summary>
    public required string Id { get; init; }

    /// <summary>What the rule is for, in a sentence.</summary>
    public string Description { get; init; } = "";

    /// <summary>Score category the rule's findings count under (e.g. <c>pii</c>).</summary>
    public required string Category { get; init; }

    /// <summary>
    /// The category of personal data and secrets. Whatever their action, findings under it never show their text: the
    /// verdict carries the rule's mask, and masked audit text overwrites their spans.
    /// </summary>
    public const string PersonalDataCategory = "pii";

    /// <summary>True when the rule's matches are personal data or secrets (category <see cref="PersonalDataCategory"/>).</summary>
    public bool IsPersonalData => string.Equals(Category, PersonalDataCategory, StringComparison.OrdinalIgnoreCase);

    /// <summary>Which side the rule inspects.</summary>
    public RuleDirection Direction { get; init; } = RuleDirection.Both;

    /// <summary>The condition that makes the rule match.</summary>
    public required IRuleCondition When { get; init; }

    /// <summary>What the policy does with a match unless it overrides it.</summary>
    public Decision Action { get; init; } = Decision.Flag;

    /// <summary>
    /// <c>action: revise</c>: a match withholds the answer as <see cref="Decision.Block"/> does, but first the answer is sent back
    /// to the model once with the findings, and the revision is returned if it passes the same policy.
    /// </summary>
    public bool Revise { get; init; }

    /// <summary>The message that replaces withheld content when the action is block.</summary>
    public string? Message { get; init; }

    /// <summary>The replacement for a redacted span, e.g. <c>[EMAIL]</c>.</summary>
    public string? Mask { get; init; }

    /// <summary>Embedded test cases; every rule carries at least one match and one no-match.</summary>
    public IReadOnlyList<RuleTestCase> Tests { get; init; } = [];

    /// <summary>The file the rule came from (for error messages and lint).</summary>
    public string? SourceFile { get; init; }

    /// <summary>True when the rule inspects texts of <paramref name="direction"/>.</summary>
    public bool Applies(Direction direction) =>
        Direction == RuleDirection.Both || (Direction == RuleDirection.Request) == (direction == Detection.Direction.Request);
}

/// <summary>Whether a rule's embedded case expects a match.</summary>
public enum RuleExpectation
{
    /// <summary>The rule must match the text.</summary>
    Match,
    /// <summary>The rule must not match the text.</summary>
    NoMatch,
}

/// <summary>One embedded test case of a rule.</summary>
/// <param name="Text">Input text.</param>
/// <param name="Expect">Expected outcome.</param>
/// <param name="Line">Line of the case in its file, for failure messages.</param>
public sealed record RuleTestCase(string Text, RuleExpectation Expect, int Line)
{
    /// <summary>
    /// Sources supplied with the case (<c>sources:</c>), attached to its target as a request's sources would be,
    /// so grounding rules can be tested; null when the case has none.
    /// </summary>
    public IReadOnlyList<Guardrail.Grounding.Source>? Sources { get; init; }
}
