namespace Guardrail.AspNetCore.Metrics;

/// <summary>The bounded <c>result</c> label of <c>guardrail_audit_records_total</c>.</summary>
internal static class AuditRecordResult
{
    /// <summary>Stored.</summary>
    public const string Written = "written";

    /// <summary>Not queued: the write queue was full (the store is slow or down) or the writer had stopped.</summary>
    public const string Dropped = "dropped";

    /// <summary>Queued, but the store refused it on every try.</summary>
    public const string Failed = "failed";

    /// <summary>Every label value; the counter starts with each at zero so alerts see them before the first loss.</summary>
    public static readonly string[] All = [Written, Dropped, Failed];
}
