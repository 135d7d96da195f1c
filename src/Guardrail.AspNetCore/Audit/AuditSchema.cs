using Guardrail.Audit;

namespace Guardrail.AspNetCore.Audit;

/// <summary>
/// Remembers, once per process, that the audit store's schema is in place. The background writer and the admin API both
/// make sure of it before they first touch the store (a reviewer may open the UI before the first batch is written),
/// without asking the database on every call. <see cref="IAuditStore.EnsureSchemaAsync"/> is idempotent and safe
/// concurrently (the stores serialise migrations), so callers that race need no lock.
/// </summary>
internal sealed class AuditSchema
{
    private volatile bool _ready;

    /// <summary>Creates or migrates <paramref name="store"/>'s schema unless that already succeeded in this process.</summary>
    public async Task EnsureAsync(IAuditStore store, CancellationToken ct)
    {
        if (_ready) return;
        await store.EnsureSchemaAsync(ct);
        _ready = true;
    }
}
