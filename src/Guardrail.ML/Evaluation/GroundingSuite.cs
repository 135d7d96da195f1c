using System.Text.Json;

namespace Guardrail.ML.Evaluation;

/// <summary>One case of the grounding functional suite: an answer sentence, its sources and what a correct checker reports.</summary>
/// <param name="Id">Unique id, <c>&lt;language&gt;-&lt;kind&gt;-&lt;nn&gt;</c>.</param>
/// <param name="Language">File the case came from (<c>en</c>, <c>zh</c>).</param>
/// <param name="Kind">What the case probes (<see cref="GroundingSuite.Kinds"/>).</param>
/// <param name="Answer">The answer text, with its citation markers.</param>
/// <param name="Sources">The supplied sources.</param>
/// <param name="Expect">The correct outcome (<see cref="GroundingSuite.Outcomes"/>).</param>
/// <param name="AnswerSays">For <c>contradicted</c>: the conflicting term as the answer writes it.</param>
/// <param name="SourceSays">For <c>contradicted</c>: the conflicting term as the source writes it.</param>
public sealed record GroundingCase(
    string Id, string Language, string Kind, string Answer, IReadOnlyList<(string Id, string Text)> Sources, string Expect, string? AnswerSays, string? SourceSays);

/// <summary>
/// The team's grounding functional suite (<c>eval/grounding-functional/*.jsonl</c>, evaluation only; its README says how
/// it was written): contradictions of each kind, paraphrases, several citations, uncited summaries, structured sources.
/// </summary>
public static class GroundingSuite
{
    /// <summary>The suite's folder, relative to the repository root.</summary>
    public const string RepositoryFolder = "eval/grounding-functional";

    /// <summary>The kinds, in table order.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        "number-swap", "date-swap", "unit-amount", "entity-swap", "moved-term", "negation-flip", "negation-elsewhere",
        "quantifier-polarity", "hedging", "paraphrase", "multi-citation", "misattribution", "uncited-summary",
        "numbers-in-words", "ranges", "structured-source", "source-ids",
    ];

    /// <summary>The outcomes a case may expect.</summary>
    public static IReadOnlyList<string> Outcomes { get; } = ["supported", "contradicted", "unsupported", "misattributed", "fabricated"];

    /// <summary>Every case of every <c>*.jsonl</c> in <paramref name="directory"/>, in file and line order.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FormatException">A file is malformed; the message lists every error as <c>file:line: message</c>.</exception>
    public static IReadOnlyList<GroundingCase> Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"grounding suite folder '{directory}' does not exist");
        var cases = new List<GroundingCase>();
        var errors = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var files = Directory.GetFiles(directory, "*.jsonl").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0) errors.Add($"{directory}: no *.jsonl files");
        foreach (var file in files)
        {
            var language = Path.GetFileNameWithoutExtension(file);
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var where = $"{Path.GetFileName(file)}:{number}";
                try
                {
                    var c = Parse(line, language);
                    if (!ids.Add(c.Id)) errors.Add($"{where}: duplicate id '{c.Id}'");
                    else cases.Add(c);
                }
                catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
                {
                    errors.Add($"{where}: {e.Message}");
                }
            }
        }
        if (errors.Count > 0) throw new FormatException(string.Join(Environment.NewLine, errors));
        return cases;
    }

    private static GroundingCase Parse(string line, string language)
    {
        using var doc = JsonDocument.Parse(line);
        var o = doc.RootElement;
        string Text(string name) => o.GetProperty(name).GetString() is { Length: > 0 } s ? s : throw new FormatException($"'{name}' is empty");
        string? Optional(string name) => o.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var kind = Text("kind");
        if (!Kinds.Contains(kind)) throw new FormatException($"unknown kind '{kind}'");
        var expect = Text("expect");
        if (!Outcomes.Contains(expect)) throw new FormatException($"unknown outcome '{expect}'");
        var sources = o.GetProperty("sources").EnumerateArray().Select(s => (s.GetProperty("id").GetString() ?? "", s.GetProperty("text").GetString() ?? "")).ToList();
        if (sources.Count == 0 || sources.Any(s => s.Item1.Length == 0 || s.Item2.Length == 0)) throw new FormatException("every case needs sources with an id and a text");
        var answer = Text("answer");
        var (answerSays, sourceSays) = (Optional("answerSays"), Optional("sourceSays"));
        if (expect == "contradicted")
        {
            // The suite's promise: the two sides are written verbatim, so an explanation can be checked for naming them.
            if (answerSays is null || sourceSays is null) throw new FormatException("a contradicted case names answerSays and sourceSays");
            if (!answer.Contains(answerSays, StringComparison.Ordinal)) throw new FormatException($"answerSays '{answerSays}' is not in the answer");
            if (!sources.Any(s => s.Item2.Contains(sourceSays, StringComparison.Ordinal))) throw new FormatException($"sourceSays '{sourceSays}' is in no source");
        }
        return new GroundingCase(Text("id"), language, kind, answer, sources, expect, answerSays, sourceSays);
    }
}
