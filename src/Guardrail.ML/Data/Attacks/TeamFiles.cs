namespace Guardrail.ML.Data.Attacks;

/// <summary>
/// The examples the team wrote (repository folder <c>data/attacks</c>): a training supplement of risky-looking benign prompts
/// and of German, French and Spanish attacks, and separate held-out files that are never trained or tuned on.
/// Each line is <c>{"text", "attack": true|false, "lang"}</c>, with an optional <c>"set"</c> (<see cref="AttackSets"/>) it reports under.
/// </summary>
public static class TeamFiles
{
    /// <summary>The folder, relative to the repository root (the working directory of the CLI).</summary>
    public const string DefaultDirectory = "data/attacks";

    /// <summary>Training supplement: ordinary and risky-looking benign prompts, e-mails and documents (English and Chinese).</summary>
    public const string TrainBenign = "train-benign.jsonl";

    /// <summary>Training supplement: English and Chinese attacks of kinds the public sets lack (hidden HTML comments, markdown-image exfiltration, notes to the AI in documents and tool results).</summary>
    public const string TrainAttacks = "train-attacks.jsonl";

    /// <summary>Training supplement: German, French and Spanish attacks and benign prompts.</summary>
    public const string TrainMultilingual = "train-multilingual.jsonl";

    /// <summary>Training supplement: long ordinary prompts (first-person accounts, pasted logs, code, e-mails and notes with a request; English and Chinese).</summary>
    public const string TrainBenignLong = "train-benign-long.jsonl";

    /// <summary>Training supplement: ordinary prose documents as tool results (how-to pages, FAQs, docs, tickets, transcripts; English and Chinese).</summary>
    public const string TrainBenignDocuments = "train-benign-documents.jsonl";

    /// <summary>Held out: ordinary prose documents as tool results, written apart from the training file; only ever scored.</summary>
    public const string EvalBenignDocuments = "eval-benign-documents.jsonl";

    /// <summary>Held out: benign prompts that look risky; only ever scored.</summary>
    public const string EvalBenignRisky = "eval-benign-risky.jsonl";

    /// <summary>Held out: German, French and Spanish attacks and benign prompts; only ever scored.</summary>
    public const string EvalMultilingual = "eval-multilingual.jsonl";

    /// <summary>
    /// Held out: long ordinary prompts (600–3,000 characters of English, shorter Chinese): first-person accounts with a question, pasted
    /// logs, code, e-mails, specs and notes with a request. Written apart from, and never trained or tuned on with, the training files.
    /// </summary>
    public const string EvalBenignLong = "eval-benign-long.jsonl";

    /// <summary>
    /// Reads the files in <paramref name="directory"/>. Training files split 80/20 by text hash into train and dev (dev
    /// sets thresholds), evaluation files are all <see cref="Split.Test"/>. A text in both a training and an evaluation file
    /// is an error: the held-out figures would not be held out.
    /// </summary>
    public static IReadOnlyList<AttackExample> Load(string directory)
    {
        var rows = new List<AttackExample>();
        rows.AddRange(Read(directory, TrainBenign, AttackSets.BenignRisky, heldOut: false));
        rows.AddRange(Read(directory, TrainAttacks, AttackSets.Direct, heldOut: false));
        rows.AddRange(Read(directory, TrainMultilingual, AttackSets.Multilingual, heldOut: false));
        rows.AddRange(Read(directory, TrainBenignLong, AttackSets.BenignLong, heldOut: false));
        rows.AddRange(Read(directory, TrainBenignDocuments, AttackSets.BenignDocument, heldOut: false));
        var trained = rows.Select(r => Key(r.Text)).ToHashSet(StringComparer.Ordinal);
        var heldOut = Read(directory, EvalBenignRisky, AttackSets.BenignRisky, heldOut: true)
            .Concat(Read(directory, EvalMultilingual, AttackSets.Multilingual, heldOut: true))
            .Concat(Read(directory, EvalBenignLong, AttackSets.BenignLong, heldOut: true))
            .Concat(Read(directory, EvalBenignDocuments, AttackSets.BenignDocument, heldOut: true));
        foreach (var row in heldOut)
        {
            if (trained.Contains(Key(row.Text))) throw new InvalidDataException($"{row.Source}: \"{row.Text}\" is also in a training file");
            rows.Add(row);
        }
        return rows;
    }

    private static IEnumerable<AttackExample> Read(string directory, string file, string set, bool heldOut)
    {
        var path = Path.Combine(directory, file);
        var source = "team-" + Path.GetFileNameWithoutExtension(file);
        var line = 0;
        foreach (var o in JsonLines.Read(path))
        {
            line++;
            var text = JsonLines.Str(o, "text").Trim();
            var language = JsonLines.Str(o, "lang");
            if (text.Length == 0 || language.Length == 0 || !o.TryGetProperty("attack", out var a)) throw new InvalidDataException($"{path}: entry {line} needs text, attack and lang");
            var attack = a.GetBoolean();
            var split = heldOut ? Split.Test : HashSplit.Bucket(text) < 80 ? Split.Train : Split.Dev;
            var rowSet = JsonLines.Str(o, "set") is { Length: > 0 } named ? named : set == AttackSets.BenignRisky && attack ? AttackSets.Direct : set;
            yield return new AttackExample(text, source, rowSet, split, attack, language, "team:" + Key(text));
        }
    }

    private static string Key(string text) => text.Trim().ToLowerInvariant();
}
