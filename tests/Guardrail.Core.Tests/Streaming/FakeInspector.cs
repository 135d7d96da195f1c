using System.Text.Json.Nodes;
using Guardrail.Streaming;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Streaming;

/// <summary>Blocks sentences containing <see cref="BlockWord"/> and redacts <see cref="RedactWord"/>; records every call.</summary>
internal sealed class FakeInspector : IStreamInspector
{
    public string? BlockWord { get; init; }
    public string? RedactWord { get; init; }
    public Func<StreamSentence, SentenceCheck?>? OnSentence { get; init; }
    public List<StreamSentence> Sentences { get; } = [];
    public List<StreamOutcome> Outcomes { get; } = [];
    public List<(string Code, string? Detail)> UncheckedCalls { get; } = [];
    /// <summary>What <see cref="Unchecked"/> answers: true models a policy that fails closed.</summary>
    public bool FailClosed { get; init; }

    public bool Unchecked(string code, string? detail)
    {
        UncheckedCalls.Add((code, detail));
        return FailClosed;
    }

    public SentenceCheck CheckSentence(StreamSentence sentence)
    {
        Sentences.Add(sentence);
        if (OnSentence?.Invoke(sentence) is { } custom) return custom;
        var text = sentence.Text;
        if (BlockWord is not null && text.Contains(BlockWord, StringComparison.Ordinal))
        {
            return new SentenceCheck(Decision.Block, [Finding(sentence, Decision.Block, new TextSpan(sentence.Start, sentence.End), null)]);
        }
        if (RedactWord is not null && sentence.MessageText.IndexOf(RedactWord, sentence.Start, StringComparison.Ordinal) is var at and >= 0
            && at < sentence.End)
        {
            var span = new TextSpan(at, at + RedactWord.Length);
            return new SentenceCheck(Decision.Redact, [Finding(sentence, Decision.Redact, span, "[EMAIL]")]);
        }
        return SentenceCheck.Allow;
    }

    public JsonObject FinalVerdict(StreamOutcome outcome)
    {
        Outcomes.Add(outcome);
        return new JsonObject
        {
            ["decision"] = outcome.Cut ? "block" : "allow",
            ["leaked"] = outcome.LeakedChars,
            ["completed"] = outcome.UpstreamCompleted,
        };
    }

    private static Finding Finding(StreamSentence s, Decision action, TextSpan span, string? mask) => new()
    {
        Rule = "test.word", Category = "test", Target = s.TargetPath, Score = 1, Threshold = 0.5,
        Action = action, Span = span, Mask = mask, Explanation = "test word",
    };
}
