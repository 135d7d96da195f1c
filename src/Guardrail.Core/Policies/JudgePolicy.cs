namespace Guardrail.Policies;

/// <summary>What the judge sees of an exchange under a policy.</summary>
public enum JudgeTextMode
{
    /// <summary>The texts as the audit store keeps them (masked by default); a policy that keeps none sends none, and is not judged.</summary>
    Audit,
    /// <summary>The texts as exchanged: only for routes whose data may reach the judge's endpoint.</summary>
    Full,
}

/// <summary>A policy's <c>judge:</c> section (DESIGN.md §9); each setting left out takes the serve-wide <c>Guardrail:Judge</c> value.</summary>
public sealed record JudgePolicy
{
    /// <summary>Share of this policy's exchanges judged off the hot path; null: <c>Guardrail:Judge:SampleRate</c>.</summary>
    public double? SampleRate { get; init; }

    /// <summary>Half-width of the uncertainty band; null: <c>Guardrail:Judge:Band</c>.</summary>
    public double? Band { get; init; }

    /// <summary>
    /// <c>sync.categories</c>: categories the judge decides on this route before the answer is released (grounding on a
    /// strict route, say); empty: the judge runs off the hot path only.
    /// </summary>
    public IReadOnlyList<string> SyncCategories { get; init; } = [];

    /// <summary><c>sync.budgetMs</c>: the most the synchronous judge may add; past it the verdict falls back to the fast checks and says so. Default 2 s.</summary>
    public TimeSpan SyncBudget { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>sync.action</c>: what a principle the judge finds violated does (flag or block). Default flag.</summary>
    public Verdicts.Decision SyncAction { get; init; } = Verdicts.Decision.Flag;

    /// <summary>What the judge is sent.</summary>
    public JudgeTextMode Text { get; init; } = JudgeTextMode.Audit;

    /// <summary>The section's defaults.</summary>
    public static JudgePolicy Default { get; } = new();
}
