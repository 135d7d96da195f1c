using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.ML.Runtime;
using Guardrail.Protocol;
using Guardrail.Text;
using Guardrail.Verdicts;

namespace Guardrail.ML.Detection;

/// <summary>
/// The learned prompt-attack classifier as a check, beside the <c>injection</c> heuristics: scores every text an attacker
/// can write into a request (user turns, tool results, documents, bare prompts) for direct and indirect injection and
/// jailbreaks, under the category <c>injection</c>. Long texts are also scored window by window, so an instruction
/// hidden in a long document is not diluted; a turn is also scored together with the earlier turns of the conversation,
/// so an attack split over several messages is still caught; the body of an HTML comment (hidden when rendered) is scored
/// as a prompt of its own. Image links that would exfiltrate data are reported as
/// <see cref="ExfiltrationLinks.Kind"/>. Thread-safe; no PredictionEngine (weights are evaluated directly).
/// </summary>
/// <remarks>
/// System and developer text (the operator's own), assistant turns and tool-call arguments (the model's) are not scored.
/// Scripts the model was not trained on (anything but Latin and Han) are reported unchecked, never as safe.
/// </remarks>
public sealed class AttackDetector : IClassifier
{
    private readonly AttackModel _model;
    private readonly AttackOptions _options;

    /// <summary>Wraps a loaded model.</summary>
    public AttackDetector(AttackModel model, AttackOptions options)
    {
        _model = model;
        _options = options;
        Models = new Dictionary<string, string> { [AttackOptions.DetectorName] = model.Version };
    }

    /// <inheritdoc />
    public string Name => AttackOptions.DetectorName;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Categories { get; } = [AttackOptions.Category];

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Models { get; }

    /// <summary>Whether a target is text an attacker can write: a user message, a tool result, a document or a bare prompt.</summary>
    public static bool Reads(TextTarget target) => target.Channel switch
    {
        TextChannel.ToolResult or TextChannel.Document or TextChannel.Prompt => true,
        TextChannel.Message => target.Role is null or "user",
        _ => false,
    };

    /// <inheritdoc />
    public IReadOnlyList<Signal> Detect(TextTarget target)
    {
        var text = target.Text ?? "";
        if (!Reads(target) || string.IsNullOrWhiteSpace(text)) return [];
        var signals = new List<Signal>(2);
        var length = Math.Min(text.Length, _options.MaxCharacters);
        if (length < text.Length && char.IsHighSurrogate(text[length - 1])) length--;
        var scored = length == text.Length ? text : text[..length];
        var decoded = AttackText.DecodeTags(scored);
        var normalized = NormalizedText.Create(decoded);
        var prepared = normalized.Folded;
        var whole = Trim(text, 0, length);
        var language = LanguageGuess.Guess(prepared);
        if (language is not LanguageGuess.None)
        {
            if (language is LanguageGuess.English or LanguageGuess.Chinese or "latin-other") signals.Add(Score(target, prepared, normalized, ReferenceEquals(decoded, scored), whole));
            else signals.Add(Signal.Unchecked($"unsupported script ({language})", whole));
        }
        signals.AddRange(ExfiltrationLinks.Find(scored));
        if (length < text.Length)
        {
            signals.Add(Signal.Unchecked($"work budget of {_options.MaxCharacters} characters reached; {text.Length - length} characters from offset {length} not scored", new TextSpan(length, text.Length)));
        }
        return signals;
    }

    /// <summary>Which model reads a target: tool results and documents have their own (an instruction there is an injection).</summary>
    public static AttackInput InputOf(TextTarget target) => target.Channel is TextChannel.ToolResult or TextChannel.Document ? AttackInput.Document : AttackInput.Prompt;

    private Signal Score(TextTarget target, string prepared, NormalizedText normalized, bool mapsBack, TextSpan whole)
    {
        var baseInput = InputOf(target);
        var input = baseInput;
        var manifest = _model.Manifest.For(input);
        var segmented = input == AttackInput.Document && _model.HasSegments;
        float segmentProbability = 0;
        Range? segment = null;
        float probability;
        Range? window;
        if (segmented) (probability, window, segmentProbability, segment) = _model.BestOfDocument(prepared);
        else (probability, window) = _model.Best(prepared, input);
        var scope = window is null ? "text" : "window";
        var explained = window is { } w ? prepared[w] : prepared;
        if (segmented)
        {
            // The segment model reads each sentence or line alone; the document's score is the higher of the two, each
            // calibrated at its own (jointly tuned) operating points.
            var p = segmentProbability;
            var segmentEntry = _model.Manifest.For(AttackInput.Segment);
            if (segment is { } s && ToxicityDetector.Calibrate(p, segmentEntry.Threshold, segmentEntry.BlockThreshold) > ToxicityDetector.Calibrate(probability, manifest.Threshold, manifest.BlockThreshold))
            {
                (input, manifest, probability, window, scope, explained) = (AttackInput.Segment, segmentEntry, p, s, "segment", prepared[s]);
            }
        }
        foreach (var comment in HiddenComments.Find(prepared))
        {
            // Hidden text is read as a prompt: it is written to the model, wherever it travels.
            var (p, _) = _model.Best(prepared[comment], AttackInput.Prompt);
            var calibratedComment = ToxicityDetector.Calibrate(p, _model.Manifest.For(AttackInput.Prompt).Threshold, _model.Manifest.For(AttackInput.Prompt).BlockThreshold);
            if (calibratedComment <= ToxicityDetector.Calibrate(probability, manifest.Threshold, manifest.BlockThreshold)) continue;
            (input, manifest, probability, window, scope, explained) = (AttackInput.Prompt, _model.Manifest.For(AttackInput.Prompt), p, comment, "hidden-comment", prepared[comment]);
        }
        var turns = 0;
        var baseManifest = _model.Manifest.For(baseInput);
        if (probability < manifest.Threshold && Conversation(target, prepared, baseInput, baseManifest.Threshold) is { } joint)
        {
            var p = _model.Probability(joint.Text, baseInput);
            if (p >= baseManifest.Threshold) (input, manifest, probability, scope, explained, turns) = (baseInput, baseManifest, p, "conversation", joint.Text, joint.Turns);
        }
        var calibrated = ToxicityDetector.Calibrate(probability, manifest.Threshold, manifest.BlockThreshold);
        var span = window is { } r && scope is "window" or "hidden-comment" or "segment" && mapsBack ? ToSpan(normalized, r) : whole;
        if (calibrated < _options.ExplainAbove) return new Signal(AttackOptions.Category, calibrated, span, "Below the prompt-attack classifier's flag threshold.");
        var contributions = _model.Explain(explained, input, _options.TopContributions);
        var evidence = new JsonObject
        {
            ["scope"] = scope,
            ["model"] = input switch { AttackInput.Document => "document", AttackInput.Segment => "segment", _ => "prompt" },
            ["probability"] = Math.Round(probability, 4),
            ["flagThreshold"] = manifest.Threshold,
            ["blockThreshold"] = manifest.BlockThreshold,
            ["ngrams"] = new JsonArray([.. contributions.Select(c => (JsonNode)new JsonObject
            {
                ["ngrams"] = new JsonArray([.. c.Ngrams.Select(n => (JsonNode)JsonValue.Create(n)!)]),
                ["contribution"] = Math.Round(c.Contribution, 4),
            })]),
        };
        if (turns > 0) evidence["turns"] = turns + 1;
        return new Signal(AttackOptions.Category, calibrated, span, Explain(target, scope, turns, probability, contributions, quote: true), evidence)
        {
            WithheldExplanation = Explain(target, scope, turns, probability, contributions, quote: false),
        };
    }

    /// <summary>
    /// Whether an earlier turn is read with <paramref name="target"/> when a conversation is re-scored: a user turn or prompt
    /// joins every earlier text an attacker can write; a tool result or document joins earlier tool results and documents
    /// only (a user's request read before a retrieved page made ordinary pages look like instructions).
    /// </summary>
    public static bool Joins(TextTarget target, TextTarget prior) =>
        Reads(prior) && (InputOf(target) == AttackInput.Prompt || InputOf(prior) == AttackInput.Document);

    // The nearest earlier turns an attacker could write, up to the character budget, then this turn: an attack cut into
    // harmless-looking pieces is whole again. Only when no earlier turn reaches the flag alone (that turn has its own finding).
    private (string Text, int Turns)? Conversation(TextTarget target, string prepared, AttackInput input, float threshold)
    {
        if (_options.ConversationTurns == 0 || target.PriorTurns is not { Count: > 0 } prior) return null;
        var parts = new List<string>();
        var budget = _options.ConversationCharacters;
        for (var i = prior.Count - 1; i >= 0 && parts.Count < _options.ConversationTurns && budget > 0; i--)
        {
            if (!Joins(target, prior[i]) || string.IsNullOrWhiteSpace(prior[i].Text)) continue;
            var turn = AttackText.Prepare(prior[i].Text);
            if (turn.Length > budget) turn = turn[^budget..];
            budget -= turn.Length;
            parts.Add(turn);
        }
        if (parts.Count == 0) return null;
        if (parts.Any(p => _model.Best(p, input).Probability >= threshold)) return null;
        parts.Reverse();
        return (string.Join("\n", parts) + "\n" + prepared, parts.Count);
    }

    private static string Explain(TextTarget target, string scope, int turns, float probability, IReadOnlyList<NgramContribution> contributions, bool quote)
    {
        var what = target.Channel switch
        {
            TextChannel.ToolResult => "this tool result",
            TextChannel.Document => "this document",
            _ => "this prompt",
        };
        var where = scope switch
        {
            "window" => $"a passage of {what}",
            "hidden-comment" => $"an HTML comment hidden in {what}",
            "segment" => $"a sentence of {what}",
            "conversation" => $"{what} read with the {turns} turn{(turns == 1 ? "" : "s")} before it",
            _ => what,
        };
        var top = contributions.SelectMany(c => c.Ngrams).Take(3).Select(n => $"\"{n}\"");
        var why = quote && contributions.Count > 0 ? $"; most weight from {string.Join(", ", top)}" : "";
        return $"The prompt-attack classifier scores {where} {probability:0.00} as an attack on the model's instructions{why}.";
    }

    private static TextSpan ToSpan(NormalizedText normalized, Range window)
    {
        var (start, length) = window.GetOffsetAndLength(normalized.Folded.Length);
        var (s, e) = normalized.ToOriginal(start, start + length);
        return Trim(normalized.Original, s, e);
    }

    private static TextSpan Trim(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        return new TextSpan(start, end);
    }
}
