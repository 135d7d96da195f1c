using System.Globalization;
using Guardrail.Audit;
using Guardrail.Verdicts;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.Admin.Api;

/// <summary>Reads <c>GET /guardrail/api/verdicts</c>'s query string into an <see cref="AuditQuery"/>, or says what is wrong with it.</summary>
internal static class VerdictListQuery
{
    public const int MaxLimit = 500;
    public const int MaxFilterLength = 200;
    public const int MaxCursorLength = 512;

    private static readonly string[] Known = ["decision", "rule", "category", "route", "from", "to", "limit", "cursor"];

    // ISO 8601 / RFC 3339: a date, or a date and time with optional seconds, fraction and offset (UTC when none).
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd",
    ];

    public static AdminError? TryParse(IQueryCollection query, out AuditQuery result)
    {
        result = new AuditQuery();
        foreach (var (name, values) in query)
        {
            if (!Known.Contains(name, StringComparer.Ordinal))
            {
                return AdminError.BadRequest("unknown_parameter", $"Unknown query parameter '{Bounded(name)}'; known: {string.Join(", ", Known)}.");
            }
            if (values.Count > 1) return AdminError.BadRequest("repeated_parameter", $"Query parameter '{name}' is given more than once.");
        }

        Decision? decision = null;
        if (Value(query, "decision") is { } d)
        {
            if (!DecisionExtensions.TryParseWire(d, out var parsed))
            {
                return AdminError.BadRequest("invalid_decision", "decision must be one of allow, unchecked, flag, redact, block.");
            }
            decision = parsed;
        }

        string? rule = null, category = null, route = null;
        if ((Filter(query, "rule", ref rule) ?? Filter(query, "category", ref category) ?? Filter(query, "route", ref route)) is { } filterError)
        {
            return filterError;
        }

        DateTimeOffset? from = null, to = null;
        if ((Time(query, "from", ref from) ?? Time(query, "to", ref to)) is { } timeError) return timeError;
        if (from is { } f && to is { } t && f >= t)
        {
            return AdminError.BadRequest("invalid_time_range", "from must be earlier than to.");
        }

        var limit = 50;
        if (Value(query, "limit") is { } l
            && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return AdminError.BadRequest("invalid_limit", $"limit must be a whole number from 1 to {MaxLimit}.");
        }

        var cursor = Value(query, "cursor");
        if (cursor is not null && (cursor.Length > MaxCursorLength || cursor.Any(c => c is < '!' or > '~')))
        {
            return AdminError.BadRequest("invalid_cursor", "cursor is not one this API returned; pass the 'next' value of the previous page unchanged.");
        }

        result = new AuditQuery
        {
            Decision = decision, Rule = rule, Category = category, Route = route, From = from, To = to, Limit = limit, Cursor = cursor,
        };
        return null;
    }

    // An empty value means no filter, so a form can send every field.
    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;

    private static AdminError? Filter(IQueryCollection query, string name, ref string? value)
    {
        value = Value(query, name);
        if (value is null) return null;
        if (value.Length > MaxFilterLength || value.Any(char.IsControl))
        {
            return AdminError.BadRequest($"invalid_{name}", $"{name} must be at most {MaxFilterLength} characters without control characters.");
        }
        return null;
    }

    private static AdminError? Time(IQueryCollection query, string name, ref DateTimeOffset? value)
    {
        if (Value(query, name) is not { } text) return null;
        if (!DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return AdminError.BadRequest("invalid_time", $"{name} must be an ISO 8601 time such as 2026-01-31T12:00:00Z or a date such as 2026-01-31.");
        }
        value = parsed;
        return null;
    }

    // Names echo back in messages: keep them short and printable.
    private static string Bounded(string s)
    {
        var cleaned = new string(s.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return s.Length > 40 ? cleaned + "…" : cleaned;
    }
}
