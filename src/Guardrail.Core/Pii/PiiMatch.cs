using System.Text.Json.Nodes;

namespace Guardrail.Pii;

/// <summary>
/// A candidate found by one recogniser, before overlaps between kinds are resolved; <c>Priority</c> decides
/// which of two overlapping candidates survives (more specific kinds rank higher).
/// </summary>
internal readonly record struct PiiMatch(
    string Kind, int Start, int End, double Score, int Priority, string Explanation, JsonObject? Evidence)
{
    /// <summary>Adds a candidate, creating the list on first use so texts without PII allocate nothing.</summary>
    public static void Add(ref List<PiiMatch>? sink, PiiMatch match) => (sink ??= []).Add(match);
}

/// <summary>Overlap ranks: a checksummed or provider-specific match beats a looser shape over the same digits.</summary>
internal static class PiiPriority
{
    public const int Secret = 100;
    public const int ChineseId = 90;
    public const int CreditCard = 85;
    public const int Iban = 80;
    public const int Ssn = 70;
    public const int Email = 60;
    public const int IPv4 = 50;
    public const int Phone = 40;
}
