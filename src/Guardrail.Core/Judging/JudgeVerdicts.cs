namespace Guardrail.Judging;

/// <summary>A span of one target's text the judge points at (UTF-16 offsets, end exclusive).</summary>
public sealed record JudgeSpan(string Target, int Start, int End);

/// <summary>The judge's decision on one principle.</summary>
/// <param name="Principle">The principle's id (a known one: anything else is a judge error).</param>
/// <param name="Violated">Whether the exchange violates it.</param>
/// <param name="Severity">How serious the violation is (the judge says it even when not violated).</param>
/// <param name="Rationale">Why, in the judge's words.</param>
/// <param name="Spans">Where, in the exchange's texts.</param>
public sealed record PrincipleVerdict(string Principle, bool Violated, JudgeSeverity Severity, string Rationale, IReadOnlyList<JudgeSpan> Spans);

/// <summary>Why a judge's answer is not a label: bounded codes for metrics and logs, with a detail that quotes no text.</summary>
public static class JudgeErrors
{
    /// <summary>The call failed: connection refused, a non-success status after retries, the circuit open.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The call took longer than its timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The message content is not JSON (prose, a code fence, empty).</summary>
    public const string NotJson = "not-json";

    /// <summary>JSON, but not exactly the verdicts shape.</summary>
    public const string WrongShape = "wrong-shape";

    /// <summary>A verdict names a principle the constitution does not have.</summary>
    public const string UnknownPrinciple = "unknown-principle";

    /// <summary>A span names a target the judge was not sent, or reaches outside its text.</summary>
    public const string SpanOutOfRange = "span-out-of-range";
}

/// <summary>What one judge call gave: the verdicts, or an error (never both).</summary>
public sealed record JudgeOutcome
{
    /// <summary>The verdicts, one per principle the judge answered for; null on error.</summary>
    public IReadOnlyList<PrincipleVerdict>? Verdicts { get; init; }

    /// <summary>A <see cref="JudgeErrors"/> code; null on success.</summary>
    public string? Error { get; init; }

    /// <summary>What went wrong, without quoting the exchange.</summary>
    public string? Detail { get; init; }

    /// <summary>The judge's model as it reported it (or as configured).</summary>
    public string? Model { get; init; }

    /// <summary>How long the call took, retries included.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>True when the judge answered with valid verdicts.</summary>
    public bool Succeeded => Verdicts is not null;

    /// <summary>True when some principle was found violated.</summary>
    public bool AnyViolated => Verdicts?.Any(v => v.Violated) == true;

    /// <summary>A failed outcome.</summary>
    public static JudgeOutcome Failed(string code, string detail) => new() { Error = code, Detail = detail };
}
