namespace Guardrail.Detection;

/// <summary>
/// A detector whose signal kinds are score categories of their own (e.g. <c>toxicity</c>, <c>hate</c>):
/// verdict scores are kept per category instead of per detector, and rules name them with
/// <c>{ classifier: name, category: kind }</c>.
/// </summary>
public interface IClassifier : IDetector
{
    /// <summary>The categories this classifier scores.</summary>
    IReadOnlyCollection<string> Categories { get; }

    /// <summary>Versions of the models behind it, e.g. <c>toxicity@2026-11-28+a1b2c3</c>, for the verdict's <c>models</c>.</summary>
    IReadOnlyDictionary<string, string> Models { get; }
}
