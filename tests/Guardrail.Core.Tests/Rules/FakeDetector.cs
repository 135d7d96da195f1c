using Guardrail.Detection;

namespace Guardrail.Core.Tests.Rules;

/// <summary>A hand-written detector whose signals come from a callback.</summary>
internal sealed class FakeDetector(string name, Func<TextTarget, IReadOnlyList<Signal>> detect) : IDetector
{
    public string Name { get; } = name;

    public int Calls { get; private set; }

    public IReadOnlyList<Signal> Detect(TextTarget target)
    {
        Calls++;
        return detect(target);
    }

    /// <summary>A "pii" detector reporting every e-mail-like token as kind <c>email</c> with score 0.9.</summary>
    public static FakeDetector Emails(double score = 0.9) => new("pii", t =>
        System.Text.RegularExpressions.Regex.Matches(t.Text, @"[\w.]+@[\w]+\.\w+")
            .Select(m => new Signal("email", score, new Guardrail.Verdicts.TextSpan(m.Index, m.Index + m.Length), "Looks like an e-mail address."))
            .ToList());

    /// <summary>A detector that always reports the given signals.</summary>
    public static FakeDetector Returning(string name, params Signal[] signals) => new(name, _ => signals);
}
