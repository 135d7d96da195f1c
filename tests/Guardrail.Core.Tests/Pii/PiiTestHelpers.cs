using Guardrail.Detection;
using Guardrail.Pii;

namespace Guardrail.Core.Tests.Pii;

internal static class PiiTestHelpers
{
    public static readonly PiiDetector Detector = new();

    public static IReadOnlyList<Signal> Detect(string text, PiiDetector? detector = null) =>
        (detector ?? Detector).Detect(new TextTarget("response.choices[0].message", Direction.Response, "assistant", text));

    public static IEnumerable<Signal> OfKind(this IReadOnlyList<Signal> signals, string kind) => signals.Where(s => s.Kind == kind);

    public static string SpanText(string text, Signal signal) => text[signal.Span!.Value.Start..signal.Span.Value.End];

    /// <summary>Asserts exactly one signal of <paramref name="kind"/> whose span covers <paramref name="expected"/>.</summary>
    public static Signal AssertSingle(string text, string kind, string expected)
    {
        var signals = Detect(text);
        var signal = Assert.Single(signals.OfKind(kind));
        Assert.Equal(expected, SpanText(text, signal));
        return signal;
    }
}
