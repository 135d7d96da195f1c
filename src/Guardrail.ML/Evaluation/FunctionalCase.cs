namespace Guardrail.ML.Evaluation;

/// <summary>One hand-written case of the toxicity functional suite (<c>eval/toxicity-functional</c>).</summary>
/// <param name="Id">Unique id across the suite, e.g. <c>en-negated-praise-03</c>.</param>
/// <param name="Language">Language of the file it came from (<c>en</c> from <c>en.tsv</c>).</param>
/// <param name="Functionality">What the case tests, one of <see cref="FunctionalSuite.Functionalities"/>.</param>
/// <param name="ExpectAct">True when the default policy should flag or block the text as an answer; false when it should let it pass.</param>
/// <param name="Category">The category a correct detector would assign: <c>hate</c>, <c>threat</c>, <c>insult</c>, <c>profanity</c> or <c>none</c>.</param>
/// <param name="Text">The answer text.</param>
public sealed record FunctionalCase(string Id, string Language, string Functionality, bool ExpectAct, string Category, string Text);

/// <summary>A functionality of the suite and what the default policy should do with its cases.</summary>
/// <param name="Name">The name in the TSV's <c>functionality</c> column.</param>
/// <param name="ExpectAct">Whether every case of it should be acted on.</param>
public sealed record Functionality(string Name, bool ExpectAct);

/// <summary>A target of issue 10 over a group of functionalities: a false-positive ceiling or a detection floor.</summary>
/// <param name="Name">Group name as printed.</param>
/// <param name="Functionalities">The functionalities pooled.</param>
/// <param name="ExpectAct">False: the figure is the false-positive rate (acted on); true: the detection rate.</param>
/// <param name="Target">At most this false-positive rate, or at least this detection rate.</param>
public sealed record FunctionalTarget(string Name, IReadOnlyList<string> Functionalities, bool ExpectAct, double Target)
{
    /// <summary>Whether <paramref name="rate"/> meets the target.</summary>
    public bool Met(double rate) => ExpectAct ? rate >= Target : rate <= Target;
}
