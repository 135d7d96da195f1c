using System.Text;
using Guardrail.Audit;

namespace Guardrail.Testing.Admin;

/// <summary>
/// A hand-written <see cref="IAuditStore"/> for admin API and UI tests: filters and pages like a real store (newest
/// first, keyset cursor), records every query, and fails on demand. Rejects cursors it did not issue with
/// <see cref="FormatException"/>, as the real stores do.
/// </summary>
public sealed class InMemoryAuditStore : IAuditStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, AuditRecord> _records = [];
    private readonly Dictionary<string, List<HumanLabel>> _labels = [];
    private readonly Dictionary<string, List<JudgeLabel>> _judgeLabels = [];
    private readonly Dictionary<string, List<ShadowRecord>> _shadow = [];

    /// <summary>Every query received, in order.</summary>
    public List<AuditQuery> Queries { get; } = [];

    /// <summary>Called with each query before it runs.</summary>
    public Action<AuditQuery>? OnQuery { get; set; }

    /// <summary>When set, every call throws it (a store that is down).</summary>
    public Exception? Failure { get; set; }

    /// <summary>Adds records directly.</summary>
    public InMemoryAuditStore Seed(params AuditRecord[] records)
    {
        lock (_gate) foreach (var r in records) _records.TryAdd(r.Id, r);
        return this;
    }

    /// <summary>The labels stored for <paramref name="id"/>.</summary>
    public IReadOnlyList<HumanLabel> LabelsOf(string id)
    {
        lock (_gate) return _labels.TryGetValue(id, out var list) ? [.. list] : [];
    }

    /// <summary>The judge labels stored for <paramref name="id"/>.</summary>
    public IReadOnlyList<JudgeLabel> JudgeLabelsOf(string id)
    {
        lock (_gate) return _judgeLabels.TryGetValue(id, out var list) ? [.. list] : [];
    }

    /// <summary>The shadow decisions stored for <paramref name="id"/>.</summary>
    public IReadOnlyList<ShadowRecord> ShadowOf(string id)
    {
        lock (_gate) return _shadow.TryGetValue(id, out var list) ? [.. list] : [];
    }

    public Task<bool> AddShadowAsync(ShadowRecord record, CancellationToken ct = default) => Run(() =>
    {
        lock (_gate)
        {
            if (!_records.ContainsKey(record.VerdictId)) return false;
            if (!_shadow.TryGetValue(record.VerdictId, out var list)) _shadow[record.VerdictId] = list = [];
            list.Add(record);
            return true;
        }
    });

    public Task<bool> AddJudgeLabelsAsync(IReadOnlyList<JudgeLabel> labels, CancellationToken ct = default) => Run(() =>
    {
        lock (_gate)
        {
            if (labels.Any(l => !_records.ContainsKey(l.VerdictId))) return false;
            foreach (var l in labels)
            {
                if (!_judgeLabels.TryGetValue(l.VerdictId, out var list)) _judgeLabels[l.VerdictId] = list = [];
                list.Add(l);
            }
            return true;
        }
    });

    public Task EnsureSchemaAsync(CancellationToken ct = default) => Run(() => true);

    public Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken ct = default) => Run(() => Seed([.. records]));

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct = default) => Run(() =>
    {
        OnQuery?.Invoke(query);
        lock (_gate)
        {
            Queries.Add(query);
            var after = query.Cursor is null ? ((DateTimeOffset, string)?)null : Decode(query.Cursor);
            var matching = _records.Values
                .Where(r => query.Decision is null || r.Verdict.Decision == query.Decision)
                .Where(r => query.Rule is null || r.Verdict.Findings.Any(f => f.Rule == query.Rule))
                .Where(r => query.Category is null || r.Verdict.Findings.Any(f => f.Category == query.Category))
                .Where(r => query.Route is null || r.Route == query.Route)
                .Where(r => query.From is null || r.Time >= query.From)
                .Where(r => query.To is null || r.Time < query.To)
                .OrderByDescending(r => r.Time).ThenByDescending(r => r.Id, StringComparer.Ordinal)
                .Where(r => after is not { } a || r.Time < a.Item1 || (r.Time == a.Item1 && string.CompareOrdinal(r.Id, a.Item2) < 0))
                .ToList();
            var page = matching.Take(query.Limit).ToList();
            var next = matching.Count > query.Limit ? Encode(page[^1]) : null;
            return new AuditPage(page.Select(Summary).ToList(), next);
        }
    });

    public Task<AuditEntry?> GetAsync(string id, CancellationToken ct = default) => Run(() =>
    {
        lock (_gate)
        {
            return _records.TryGetValue(id, out var r) ? new AuditEntry(r, LabelsOf(id)) { JudgeLabels = JudgeLabelsOf(id), Shadow = ShadowOf(id) } : null;
        }
    });

    public Task<bool> AddLabelAsync(HumanLabel label, CancellationToken ct = default) => Run(() =>
    {
        lock (_gate)
        {
            if (!_records.ContainsKey(label.VerdictId)) return false;
            if (!_labels.TryGetValue(label.VerdictId, out var list)) _labels[label.VerdictId] = list = [];
            list.Add(label);
            return true;
        }
    });

    public Task<int> PruneAsync(DateTimeOffset olderThan, int keepAtMost, CancellationToken ct = default) => Run(() =>
    {
        lock (_gate)
        {
            var gone = _records.Values.OrderByDescending(r => r.Time).Where((r, i) => r.Time < olderThan || i >= keepAtMost).Select(r => r.Id).ToList();
            foreach (var id in gone) _records.Remove(id);
            return gone.Count;
        }
    });

    private AuditSummary Summary(AuditRecord r) => new(
        r.Id, r.Time, r.Route, r.Verdict.Decision, r.Verdict.Policy,
        r.Verdict.Findings.Select(f => f.Rule).Distinct().ToList(),
        r.Verdict.Findings.Select(f => f.Category).Distinct().ToList(),
        _labels.TryGetValue(r.Id, out var l) ? l.Count : 0);

    private Task<T> Run<T>(Func<T> action) => Failure is { } failure ? Task.FromException<T>(failure) : Task.FromResult(action());

    private static string Encode(AuditRecord r) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{r.Time.UtcTicks}|{r.Id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (DateTimeOffset, string) Decode(string cursor)
    {
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=')));
            var parts = text.Split('|');
            if (parts.Length == 2 && long.TryParse(parts[0], out var ticks) && ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                return (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
            }
        }
        catch (FormatException)
        {
        }
        throw new FormatException("Not a cursor this store issued.");
    }
}
