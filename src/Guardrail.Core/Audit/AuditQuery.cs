using Guardrail.Verdicts;

namespace Guardrail.Audit;

/// <summary>Filters and paging for listing stored verdicts, newest first. Null filters match everything.</summary>
public sealed record AuditQuery
{
    /// <summary>Only verdicts with this decision.</summary>
    public Decision? Decision { get; init; }

    /// <summary>Only verdicts with a finding of this rule id.</summary>
    public string? Rule { get; init; }

    /// <summary>Only verdicts with a finding of this category.</summary>
    public string? Category { get; init; }

    /// <summary>Only verdicts of this route.</summary>
    public string? Route { get; init; }

    /// <summary>Only verdicts at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only verdicts before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Page size (1–500). Default 50.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>Opaque cursor from the previous page's <see cref="AuditPage.Next"/>; null for the first page.</summary>
    public string? Cursor { get; init; }
}

/// <summary>One row of a verdict list.</summary>
public sealed record AuditSummary(string Id, DateTimeOffset Time, string Route, Decision Decision, string Policy, IReadOnlyList<string> Rules, IReadOnlyList<string> Categories, int Labels);

/// <summary>A page of verdicts and the cursor of the next page (null at the end).</summary>
public sealed record AuditPage(IReadOnlyList<AuditSummary> Items, string? Next);

/// <summary>A stored verdict with its exchange and labels.</summary>
public sealed record AuditEntry(AuditRecord Record, IReadOnlyList<HumanLabel> Labels)
{
    /// <summary>The judge's labels, oldest first.</summary>
    public IReadOnlyList<JudgeLabel> JudgeLabels { get; init; } = [];

    /// <summary>Shadow models' decisions on this exchange, oldest first.</summary>
    public IReadOnlyList<ShadowRecord> Shadow { get; init; } = [];
}
