using System.Runtime.CompilerServices;

namespace Guardrail.Grounding.Contradiction;

/// <summary>
/// The quantities of an analysed text, read once per analysis: a source is analysed once per exchange and compared with
/// every claim, a claim with every candidate source, and both the support features and the conflict finder read them.
/// </summary>
internal static class QuantityCache
{
    private static readonly ConditionalWeakTable<AnalyzedText, List<Quantity>> Read = new();

    /// <summary>The quantities of <paramref name="text"/>'s whole text.</summary>
    public static List<Quantity> Of(AnalyzedText text) => Read.GetValue(text, t => QuantityReader.Read(t.Text));
}
