using Guardrail.Audit;
using Guardrail.Detection;
using Guardrail.Pipeline.Observers;
using Guardrail.Streaming;
using Guardrail.Verdicts;

namespace Guardrail.Pipeline;

public sealed partial class ExchangeGuard
{
    // References to strings already copied out of the request and response (never the HttpContext), for observers.
    private readonly List<AuditedText> _texts = [];
    private Dictionary<string, StreamSentence>? _streamed;

    /// <summary>Who is told when the exchange finishes (metrics, audit…); none by default.</summary>
    public ExchangeObservers Observers { get; init; } = ExchangeObservers.None;

    /// <summary>The route id observers label the exchange with.</summary>
    public string Route { get; init; } = "check";

    /// <summary>True once <see cref="Finish"/> ran.</summary>
    public bool Finished => FinalVerdict is not null;

    /// <summary>The final verdict, once <see cref="Finished"/>.</summary>
    public Verdict? FinalVerdict { get; private set; }

    /// <summary>Keeps the texts of inspected targets (prompt messages, buffered answer targets) for the observers.</summary>
    public void Keep(IEnumerable<TextTarget> targets)
    {
        foreach (var t in targets) _texts.Add(new AuditedText(t.Path, t.Text));
    }

    /// <summary>Keeps a streamed channel's latest checked sentence: its text up to there is what the guard judged of it.</summary>
    public void KeepStreamed(StreamSentence sentence) => (_streamed ??= new(StringComparer.Ordinal))[sentence.TargetPath] = sentence;

    /// <summary>
    /// Ends the exchange once: fixes the verdict (the one given, or the verdict as it stands) and hands it with the
    /// judged texts to the observers. Later calls return the first verdict.
    /// </summary>
    public Verdict Finish(string mode, Verdict? verdict = null)
    {
        if (FinalVerdict is { } final) return final;
        FinalVerdict = verdict ??= Verdict();
        Observers.Notify(new FinishedExchange(verdict, Route, mode, Engine.Policy, new Dictionary<string, ScoreShare>(Builder.Shares), JudgedTexts)
        {
            Sources = Sources?.Sources ?? [],
            Thresholds = Engine.Thresholds,
        });
        return verdict;
    }

    private IReadOnlyList<AuditedText> JudgedTexts()
    {
        if (_streamed is null) return _texts;
        var texts = new List<AuditedText>(_texts);
        foreach (var s in _streamed.Values)
        {
            // The channel's buffer may already hold text past the last checked sentence; that text was not judged.
            var message = s.MessageText;
            texts.Add(new AuditedText(s.TargetPath, s.End >= message.Length ? message : message[..s.End]));
        }
        return texts;
    }
}
