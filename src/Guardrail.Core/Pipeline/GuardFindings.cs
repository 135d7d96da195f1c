using Guardrail.Verdicts;

namespace Guardrail.Pipeline;

/// <summary>Findings the guard makes itself, outside any rule (size limits, unreadable parts, check errors): all block.</summary>
public static class GuardFindings
{
    /// <summary>The rule id of <see cref="Unreadable"/>.</summary>
    public const string UnreadableRule = "guardrail.unreadable";

    /// <summary>The rule id of <see cref="NotJudged"/>.</summary>
    public const string NotJudgedRule = "guardrail.unchecked";

    /// <summary>A blocking finding for a body over the policy's limit; <paramref name="side"/> is <c>request</c> or <c>response</c>.</summary>
    public static Finding TooLarge(string side, long limitBytes) =>
        Blocking($"guardrail.{side}-too-large", side, $"The {side} body exceeds the policy's limit of {limitBytes} bytes.");

    /// <summary>A blocking finding for a part of the exchange the guard could not read, under a fail-closed policy.</summary>
    public static Finding Unreadable(string code, string target) =>
        Blocking(UnreadableRule, target, $"The guard could not read this part of the exchange ({code}) and the policy fails closed.");

    /// <summary>A blocking finding for a text a detector could not judge (e.g. its language), under a fail-closed policy.</summary>
    public static Finding NotJudged(UncheckedReason reason, string target) =>
        Blocking(NotJudgedRule, target, reason.Detail is null
            ? $"The {reason.Code} check could not judge (all of) this text and the policy fails closed."
            : $"The {reason.Code} check could not judge (all of) this text ({reason.Detail}) and the policy fails closed.");

    /// <summary>A blocking finding for a check that failed under a fail-closed policy.</summary>
    public static Finding CheckError(string check, string targetPath) =>
        Blocking("guardrail.check-error", targetPath, $"The {check} check failed and the policy fails closed.");

    private static Finding Blocking(string rule, string target, string explanation) => new()
    {
        Rule = rule,
        Category = "guardrail",
        Target = target,
        Score = 1,
        Threshold = 1,
        Action = Decision.Block,
        Explanation = explanation,
    };
}
