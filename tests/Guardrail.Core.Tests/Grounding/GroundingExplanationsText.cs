namespace Guardrail.Core.Tests.Grounding;

/// <summary>Explanations the tests compare with, written out so a changed wording fails a test.</summary>
internal static class GroundingExplanationsText
{
    public const string QuoteNotFound = "A quotation in this sentence does not appear verbatim in any source.";
}
