using Guardrail.Feedback;

namespace Guardrail.ML.Data.Attacks;

/// <summary>Exported feedback as prompt-attack training rows: the texts with an <c>injection</c> label, as user turns.</summary>
public static class AttackFeedback
{
    /// <summary>The source name of rows from exported feedback.</summary>
    public const string Source = "feedback";

    /// <summary>Training rows for every example that says whether its text is an attack; others are left out.</summary>
    public static IEnumerable<AttackExample> Rows(IEnumerable<FeedbackExample> feedback)
    {
        foreach (var f in feedback)
        {
            if (!f.Labels.TryGetValue("injection", out var attack)) continue;
            var language = Guardrail.Text.LanguageGuess.Guess(f.Text) == "zh" ? "zh" : "en";
            yield return new AttackExample(f.Text, Source, attack ? AttackSets.Direct : AttackSets.Benign, Split.Train, attack, language, $"feedback:{f.VerdictId}");
        }
    }
}
