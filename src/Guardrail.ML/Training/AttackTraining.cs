using System.Diagnostics;
using Guardrail.ML.Data;
using Guardrail.ML.Data.Attacks;
using Guardrail.ML.Features;
using Guardrail.ML.Runtime;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Guardrail.ML.Training;

/// <summary>Trains the prompt-attack classifier and writes it with its manifest; the <c>train attacks</c> command.</summary>
/// <remarks>
/// Every trainer of <see cref="TrainerCandidate.Grid"/> is fitted on the train split; each is scored on dev by the runtime
/// path itself (<see cref="AttackModel.Best(ReadOnlySpan{char}, AttackInput)"/>: whole text and windows, weights read out of the model), its flag threshold
/// is the lowest that keeps the benign dev false-positive rates within <see cref="RiskyFalsePositiveTarget"/> (team-written
/// risky-looking prompts) and <see cref="BenignFalsePositiveTarget"/> (other benign texts), and the trainer with the best
/// mean dev detection over the attack sets at its threshold wins. Test rows are never read.
/// </remarks>
public static class AttackTraining
{
    /// <summary>Date part of the model version.</summary>
    public const string VersionDate = "2026-12-03";

    /// <summary>Model file of each input.</summary>
    /// <summary>The most one exported feedback row weighs, in rows of an average source.</summary>
    public const double FeedbackRowWeight = 10;

    /// <summary>The model file of <paramref name="input"/>.</summary>
    public static string ModelFileName(AttackInput input) => input switch
    {
        AttackInput.Prompt => "attacks-prompt.zip",
        AttackInput.Document => "attacks-document.zip",
        _ => "attacks-segment.zip",
    };

    /// <summary>The files <see cref="Run(string, string, string, TextWriter)"/> writes.</summary>
    public static IReadOnlyList<string> OutputFiles { get; } = [AttackManifest.FileName, ModelFileName(AttackInput.Prompt), ModelFileName(AttackInput.Document), ModelFileName(AttackInput.Segment)];

    /// <summary>Largest false-positive rate allowed at the flag threshold on the team's risky-looking benign dev prompts.</summary>
    public const double RiskyFalsePositiveTarget = 0.035;

    /// <summary>
    /// Largest false-positive rate allowed at the flag threshold on the long benign dev prompts (<see cref="AttackSets.BenignLong"/>):
    /// their own target, since a few hundred of them would otherwise vanish among thousands of short queries under the 1%.
    /// </summary>
    public const double LongFalsePositiveTarget = 0.02;

    /// <summary>Largest false-positive rate allowed at the flag threshold on the other benign dev texts.</summary>
    public const double BenignFalsePositiveTarget = 0.01;

    /// <summary>Feature settings: 2^18 dimensions keep the models small and the featurizer's scratch in cache.</summary>
    public static FeatureSettings Features { get; } = new() { HashBits = 18, WordNgramMax = 2, CharNgramMin = 2, CharNgramMax = 5, CjkNgramMin = 1, CjkNgramMax = 3 };

    /// <summary>Window geometry in characters of prepared text.</summary>
    public const int WindowSize = 480, WindowStride = 240;

    /// <summary>The attack sets whose dev detection rates are averaged to choose each model's trainer.</summary>
    public static IReadOnlyList<string> AttackSetNames(AttackInput input) => input == AttackInput.Prompt
        ? [AttackSets.Direct, AttackSets.Jailbreak, AttackSets.ChineseJailbreak, AttackSets.Multilingual]
        : [AttackSets.Indirect, AttackSets.Direct];

    /// <summary>
    /// Whether a model learns from <paramref name="row"/>. The prompt model: everything but attacked documents (an
    /// instruction is what a user turn is for). The document model: documents, attacked or not, and every attack but the
    /// in-the-wild jailbreaks (a direct injection in a tool result is still one; the jailbreaks' long second-person role-play,
    /// "your", "reply", made e-mails and how-to pages that address their reader read as attacks); no benign prompts, since any instruction to the assistant in a document is an injection. The ordinary prose documents
    /// (<see cref="AttackSets.BenignDocument"/>) are the document model's only: the prompt model is trained as before.
    /// The attacks inserted into prose documents (<see cref="InsertedAttacks"/>, sources <c>inserted-…</c>) are the segment
    /// model's only (<see cref="SegmentRows"/>): in the document model they made whole prose pages read as attacks (dev: its
    /// flag rose to 0.99 and the joint choice switched it off).
    /// </summary>
    public static bool Reads(AttackInput input, AttackExample row) => input == AttackInput.Prompt
        ? !(AttackData.IsDocument(row) && row.Attack) && row.Set != AttackSets.BenignDocument
        : (AttackData.IsDocument(row) || row.Attack) && row.Set != AttackSets.Jailbreak && !row.Source.StartsWith("inserted-", StringComparison.Ordinal);


    /// <summary>Trains on the data under <paramref name="dataDir"/> and <paramref name="teamDir"/>, writes the models and manifest to <paramref name="outDir"/>. Deterministic.</summary>
    public static AttackManifest Run(string dataDir, string teamDir, string outDir, TextWriter log) => Run(dataDir, teamDir, outDir, log, []);

    /// <summary>As <see cref="Run(string, string, string, TextWriter)"/> with <paramref name="extra"/> training rows added (exported feedback, <see cref="AttackFeedback"/>).</summary>
    public static AttackManifest Run(string dataDir, string teamDir, string outDir, TextWriter log, IReadOnlyList<AttackExample> extra)
    {
        Directory.CreateDirectory(outDir);
        var data = AttackData.Load(dataDir, teamDir).Concat(extra.Where(r => r.Split == Split.Train)).ToList();
        foreach (var g in data.GroupBy(r => (r.Source, r.Split)).OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Split))
        {
            log.WriteLine($"data {g.Key.Source}/{g.Key.Split}: {g.Count()} rows, {g.Count(r => r.Attack)} attacks");
        }
        var train = WithWindows(data.Where(r => r.Split == Split.Train)).ToList();
        var dev = data.Where(r => r.Split == Split.Dev).Select(r => (Row: r, Prepared: AttackText.Prepare(r.Text))).ToList();
        log.WriteLine($"train: {train.Count} rows with windows of long documents");
        var prompt = TrainOne(AttackInput.Prompt, [.. train.Where(r => Reads(AttackInput.Prompt, r))], [.. dev.Where(d => Reads(AttackInput.Prompt, d.Row))], outDir, log);
        var documentDev = dev.Where(d => Reads(AttackInput.Document, d.Row)).ToList();
        var document = TrainOne(AttackInput.Document, [.. train.Where(r => Reads(AttackInput.Document, r))], documentDev, outDir, log);
        var segmentTrain = SegmentRows.Build(data.Where(r => r.Split == Split.Train));
        var (documentEntry, segmentEntry) = TrainSegment(segmentTrain, documentDev, prompt, document, outDir, log);
        var entries = new List<AttackModelEntry> { prompt.Entry, documentEntry, segmentEntry };
        var version = $"attacks@{VersionDate}+{ModelFile.ShortHash(entries.Select(e => Path.Combine(outDir, e.File)))}";
        var manifest = Manifest(version, entries);
        manifest.Save(outDir);
        log.WriteLine($"wrote {version}");
        return manifest;
    }

    private static (AttackModelEntry Entry, SupportFunction.Linear Linear) TrainOne(AttackInput input, List<AttackExample> train, List<(AttackExample Row, string Prepared)> dev, string outDir, TextWriter log)
    {
        log.WriteLine($"{input} model: {train.Count} train rows ({train.Count(r => r.Attack)} attacks), {dev.Count} dev");
        var sets = AttackSetNames(input);
        var features = Featurize(train);
        (TrainerCandidate Candidate, ITransformer Model, IDataView View, SupportFunction.Linear Linear, float Flag, float Block, double Detection)? best = null;
        foreach (var candidate in TrainerCandidate.Grid)
        {
            var clock = Stopwatch.StartNew();
            var ml = new MLContext(seed: 1);
            var view = FeatureData.Load(ml, Rows(train, features, candidate.BalanceSources, balanceLength: input == AttackInput.Prompt), Features.Dimensions);
            var model = candidate.Create(ml).Fit(view);
            var linear = SupportFunction.Linear.Read(model, Features.Dimensions);
            var entry = new AttackModelEntry(input, "candidate", candidate.Description, 0.5f, 1f);
            var scorer = new AttackModel(Manifest("candidate", [entry, entry with { Input = Other(input) }]), new Dictionary<AttackInput, SupportFunction.Linear> { [input] = linear, [Other(input)] = linear });
            var scored = dev.Select(d => (d.Row, scorer.Best(d.Prepared, input).Probability)).ToList();
            var (flag, block) = Thresholds(scored);
            var detection = sets.Average(set => Recall(scored, set, flag));
            log.WriteLine($"  {candidate.Description}: flag {flag:F2}, block {block:F2}, mean dev detection {detection:F4} ({string.Join(", ", sets.Select(s => $"{s} {Recall(scored, s, flag):F3}"))}; {clock.Elapsed.TotalSeconds:F0} s)");
            if (best is null || detection > best.Value.Detection + 1e-9) best = (candidate, model, view, linear, flag, block, detection);
        }
        var chosen = best!.Value;
        var file = ModelFileName(input);
        var path = Path.Combine(outDir, file);
        new MLContext(seed: 1).Model.Save(chosen.Model, chosen.View.Schema, path);
        ModelFile.Normalize(path);
        CheckDirectPath(chosen.Model, chosen.Linear, [.. dev.Select(d => d.Row)]);
        log.WriteLine($"  chose {chosen.Candidate.Description}: flag {chosen.Flag:F2}, block {chosen.Block:F2}; {new FileInfo(path).Length / 1024} KiB");
        return (new AttackModelEntry(input, file, chosen.Candidate.Description, chosen.Flag, chosen.Block), chosen.Linear);
    }

    /// <summary>
    /// The segment model: every trainer of the grid on <paramref name="train"/> (<see cref="SegmentRows"/>); each is scored on the
    /// document model's dev rows as the detector combines the two (document model over text and windows, segment model over
    /// segments), the flags and blocks of both are chosen together (<see cref="JointThresholds"/>), and the best mean dev
    /// detection wins. Returns the document entry with its joint thresholds and the segment entry.
    /// </summary>
    private static (AttackModelEntry Document, AttackModelEntry Segment) TrainSegment(List<AttackExample> train, List<(AttackExample Row, string Prepared)> dev,
        (AttackModelEntry Entry, SupportFunction.Linear Linear) prompt, (AttackModelEntry Entry, SupportFunction.Linear Linear) document, string outDir, TextWriter log)
    {
        log.WriteLine($"Segment model: {train.Count} train rows ({train.Count(r => r.Attack)} attacks), {dev.Count} dev documents");
        foreach (var g in train.GroupBy(r => (r.Source, r.Attack)).OrderBy(g => g.Key.Source, StringComparer.Ordinal)) log.WriteLine($"  segment rows {g.Key.Source}{(g.Key.Attack ? " (attacks)" : "")}: {g.Count()}");
        var sets = AttackSetNames(AttackInput.Document);
        var features = Featurize(train);
        var documentOnly = new AttackModel(Manifest("candidate", [prompt.Entry, document.Entry]), new Dictionary<AttackInput, SupportFunction.Linear> { [AttackInput.Prompt] = prompt.Linear, [AttackInput.Document] = document.Linear });
        var documentScores = dev.Select(d => documentOnly.Best(d.Prepared, AttackInput.Document).Probability).ToList();
        (TrainerCandidate Candidate, ITransformer Model, IDataView View, SupportFunction.Linear Linear, JointThresholds.Choice Choice)? best = null;
        foreach (var candidate in TrainerCandidate.Grid)
        {
            var clock = Stopwatch.StartNew();
            var ml = new MLContext(seed: 1);
            var view = FeatureData.Load(ml, Rows(train, features, candidate.BalanceSources), Features.Dimensions);
            var model = candidate.Create(ml).Fit(view);
            var linear = SupportFunction.Linear.Read(model, Features.Dimensions);
            var entry = new AttackModelEntry(AttackInput.Segment, "candidate", candidate.Description, 0.5f, 1f);
            var scorer = new AttackModel(Manifest("candidate", [prompt.Entry, document.Entry, entry]), new Dictionary<AttackInput, SupportFunction.Linear> { [AttackInput.Prompt] = prompt.Linear, [AttackInput.Document] = document.Linear, [AttackInput.Segment] = linear });
            var scored = dev.Select((d, i) => (d.Row, documentScores[i], scorer.BestSegment(d.Prepared).Probability)).ToList();
            var choice = JointThresholds.Choose(scored, sets);
            var recalls = sets.Select(set => (set, scored.Where(x => x.Row.Attack && x.Row.Set == set).ToList())).Select(x => $"{x.set} {(x.Item2.Count == 0 ? 0 : x.Item2.Count(r => JointThresholds.Flags(r.Item2, r.Item3, choice.DocumentFlag, choice.SegmentFlag)) / (double)x.Item2.Count):F3}");
            log.WriteLine($"  {candidate.Description}: document flag {choice.DocumentFlag:F2} block {choice.DocumentBlock:F2}, segment flag {choice.SegmentFlag:F2} block {choice.SegmentBlock:F2}, mean dev detection {choice.Detection:F4} ({string.Join(", ", recalls)}; {clock.Elapsed.TotalSeconds:F0} s)");
            if (best is null || choice.Detection > best.Value.Choice.Detection + 1e-9) best = (candidate, model, view, linear, choice);
        }
        var chosen = best!.Value;
        var file = ModelFileName(AttackInput.Segment);
        var path = Path.Combine(outDir, file);
        new MLContext(seed: 1).Model.Save(chosen.Model, chosen.View.Schema, path);
        ModelFile.Normalize(path);
        CheckDirectPath(chosen.Model, chosen.Linear, [.. train.Where((_, i) => i % 10 == 0)]);
        var c = chosen.Choice;
        log.WriteLine($"  chose {chosen.Candidate.Description}: document flag {c.DocumentFlag:F2} block {c.DocumentBlock:F2} (alone it had {document.Entry.Threshold:F2} / {document.Entry.BlockThreshold:F2}), segment flag {c.SegmentFlag:F2} block {c.SegmentBlock:F2}; {new FileInfo(path).Length / 1024} KiB");
        return (document.Entry with { Threshold = c.DocumentFlag, BlockThreshold = c.DocumentBlock }, new AttackModelEntry(AttackInput.Segment, file, chosen.Candidate.Description, c.SegmentFlag, c.SegmentBlock));
    }

    private static AttackInput Other(AttackInput input) => input == AttackInput.Prompt ? AttackInput.Document : AttackInput.Prompt;

    private static AttackManifest Manifest(string version, IReadOnlyList<AttackModelEntry> entries) => new()
    {
        Version = version,
        Models = entries,
        Features = Features,
        WindowSize = WindowSize,
        WindowStride = WindowStride,
    };

    /// <summary>
    /// Flag: the lowest threshold (0.05–0.99, step 0.01; 0.99 when none is) within the three false-positive targets on benign dev rows. Block: the
    /// lowest from the flag up to 0.99 that no benign dev row reaches, else 1 (never blocks).
    /// </summary>
    internal static (float Flag, float Block) Thresholds(IReadOnlyList<(AttackExample Row, float Probability)> dev)
    {
        var risky = dev.Where(d => !d.Row.Attack && d.Row.Set == AttackSets.BenignRisky).Select(d => d.Probability).ToList();
        var longer = dev.Where(d => !d.Row.Attack && d.Row.Set == AttackSets.BenignLong).Select(d => d.Probability).ToList();
        var benign = dev.Where(d => !d.Row.Attack && d.Row.Set is not AttackSets.BenignRisky and not AttackSets.BenignLong).Select(d => d.Probability).ToList();
        var flag = 0.99f;
        for (var i = 5; i <= 99; i++)
        {
            var t = i / 100f;
            if (Rate(risky, t) <= RiskyFalsePositiveTarget && Rate(longer, t) <= LongFalsePositiveTarget && Rate(benign, t) <= BenignFalsePositiveTarget) { flag = t; break; }
        }
        var highest = risky.Concat(longer).Concat(benign).DefaultIfEmpty(0).Max();
        var block = 1f;
        for (var i = (int)MathF.Round(flag * 100); i <= 99; i++)
        {
            if (i / 100f > highest) { block = i / 100f; break; }
        }
        return (flag, block);
    }

    private static double Rate(List<float> scores, float threshold) => scores.Count == 0 ? 0 : scores.Count(s => s >= threshold) / (double)scores.Count;

    private static double Recall(IReadOnlyList<(AttackExample Row, float Probability)> scored, string set, float threshold)
    {
        var attacks = scored.Where(s => s.Row.Attack && s.Row.Set == set).ToList();
        return attacks.Count == 0 ? 0 : attacks.Count(a => a.Probability >= threshold) / (double)attacks.Count;
    }

    /// <summary>Most windows added per long benign or jailbreak training text.</summary>
    public const int WindowsPerText = 3;

    /// <summary>
    /// The training rows plus windows of long documents, as the proxy scores them: the window around an inserted attack
    /// (an attack) and the inserted instruction alone, and up to <see cref="WindowsPerText"/> windows of a long benign text (benign) or of a long
    /// in-the-wild jailbreak (an attack). Without them the model learns that tables and e-mails are attacks, because most of them in the data
    /// carry one, and that a long prompt's window is one because the long prompts it saw were jailbreaks.
    /// </summary>
    internal static IEnumerable<AttackExample> WithWindows(IEnumerable<AttackExample> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
            if (row.Text.Length <= WindowSize) continue;
            if (row.Payload is { } payload)
            {
                var at = row.Text.IndexOf(payload, StringComparison.Ordinal);
                if (at < 0) continue;
                var start = Math.Clamp(at + payload.Length / 2 - WindowSize / 2, 0, row.Text.Length - WindowSize);
                yield return row with { Text = row.Text.Substring(start, WindowSize), Source = row.Source + "-window" };
                // The instruction alone, too: what sets an attacked window apart from the document around it.
                yield return row with { Text = payload, Source = row.Source + "-payload" };
            }
            else if (!row.Attack || row.Set == AttackSets.Jailbreak)
            {
                // Benign texts and in-the-wild jailbreaks alike: windows of both classes, so a 480-character passage is
                // judged by what it says, not by being a passage of a long text (long prompts are not attacks by length).
                var windows = Runtime.AttackModel.Windows(row.Text.Length, WindowSize, WindowStride).ToList();
                var step = Math.Max(1, windows.Count / WindowsPerText);
                for (var i = 0; i < windows.Count && i / step < WindowsPerText; i += step)
                {
                    yield return row with { Text = row.Text[windows[i]], Source = row.Source + "-window" };
                }
            }
        }
    }

    internal static List<(int[] Indices, float[] Values)> Featurize(IReadOnlyList<AttackExample> rows)
    {
        var featurizer = new NgramFeaturizer(Features);
        var buffer = new SparseFeatures();
        var result = new List<(int[], float[])>(rows.Count);
        foreach (var r in rows)
        {
            featurizer.Featurize(AttackText.Prepare(r.Text), buffer);
            result.Add(buffer.ToArrays());
        }
        return result;
    }

    // Balanced: every source and class carries the same total weight, so 3,000 ordinary queries do not outweigh the team's
    // risky prompts, and a table is not an attack because two of every three tables in the data carry one. Then by length:
    // benign weight is scaled within each length band (a window or shorter, longer) so that attacks and benign texts stand
    // in the same proportion in both, and length alone is no evidence (the long texts of the public sets are jailbreaks).
    // The length bands are the prompt model's (documents are long whichever class they are).
    private static IEnumerable<FeatureRow> Rows(List<AttackExample> rows, List<(int[] Indices, float[] Values)> features, bool balance, bool balanceLength = false)
    {
        var perSource = rows.GroupBy(r => (r.Source, r.Attack)).ToDictionary(g => g.Key, g => g.Count());
        var mean = rows.Count / (double)perSource.Count;
        // Feedback rows are few; balanced like a data set each would weigh hundreds of rows, so their weight is capped.
        var weights = rows.Select(r => !balance ? 1.0
            : r.Source == AttackFeedback.Source ? Math.Min(mean / perSource[(r.Source, r.Attack)], FeedbackRowWeight)
            : mean / perSource[(r.Source, r.Attack)]).ToArray();
        var lengthFactor = new double[2] { 1, 1 };
        if (balance && balanceLength)
        {
            double Sum(bool attack, int band) => rows.Select((r, i) => (r, i)).Where(x => x.r.Attack == attack && Band(x.r) == band).Sum(x => weights[x.i]);
            var ratio = rows.Select((r, i) => (r, i)).Where(x => x.r.Attack).Sum(x => weights[x.i]) / Math.Max(1e-9, rows.Select((r, i) => (r, i)).Where(x => !x.r.Attack).Sum(x => weights[x.i]));
            for (var band = 0; band < 2; band++)
            {
                var (attacks, benign) = (Sum(true, band), Sum(false, band));
                if (attacks > 0 && benign > 0) lengthFactor[band] = attacks / benign / ratio;
            }
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var (idx, val) = features[i];
            yield return new FeatureRow
            {
                Label = rows[i].Attack,
                Weight = (float)(rows[i].Attack ? weights[i] : weights[i] * lengthFactor[Band(rows[i])]),
                Features = new VBuffer<float>(Features.Dimensions, idx.Length, val, idx),
            };
        }
    }

    private static int Band(AttackExample row) => row.Text.Length > WindowSize ? 1 : 0;

    // The proxy never runs ML.NET's own scorer: prove on every dev row that the weights read out give its probabilities.
    private static void CheckDirectPath(ITransformer model, SupportFunction.Linear linear, List<AttackExample> dev)
    {
        var features = Featurize(dev);
        var ml = new MLContext(seed: 1);
        var view = FeatureData.Load(ml, Rows(dev, features, balance: false), Features.Dimensions);
        var expected = model.Transform(view).GetColumn<float>("Probability").ToList();
        for (var i = 0; i < dev.Count; i++)
        {
            var direct = linear.Probability(features[i].Indices, features[i].Values);
            if (Math.Abs(direct - expected[i]) > 1e-4) throw new InvalidOperationException($"direct scoring gives {direct} where ML.NET gives {expected[i]} on a dev row of {dev[i].Source}");
        }
    }
}
