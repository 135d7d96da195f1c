namespace Guardrail.ML.Data;

/// <summary>
/// BEGIN dev (<c>grounding/begin/begin_dev_{wow,cmu,tc}.tsv</c>): a knowledge snippet, a dialogue turn and a system
/// response labelled Fully attributable (supported), Not fully attributable (not supported) or Generic.
/// </summary>
/// <remarks>
/// Generic responses ("that sounds fun!") make no claim about the snippet: the checker is meant to leave them to the
/// sentence filter, not to judge them against a source, so they are dropped from training and evaluation (81 rows).
/// Splits hash the knowledge snippet alone, so responses to one snippet (several models answered each) never straddle.
/// </remarks>
public static class BeginLoader
{
    /// <summary>The three files, relative to the data root.</summary>
    public static IReadOnlyList<string> RelativePaths { get; } = ["grounding/begin/begin_dev_wow.tsv", "grounding/begin/begin_dev_cmu.tsv", "grounding/begin/begin_dev_tc.tsv"];

    /// <summary>Loads the three files under <paramref name="dataRoot"/>; Generic rows are dropped.</summary>
    public static IReadOnlyList<SupportPair> Load(string dataRoot) =>
        RelativePaths.SelectMany(p => Parse(File.ReadLines(Path.Combine(dataRoot, p)), out _)).ToList();

    /// <summary>
    /// Every row's knowledge snippet and dialogue turn (trimmed), all labels, for building benign documents and prompts
    /// from the snippets; rows without the six fields are skipped.
    /// </summary>
    public static IEnumerable<(string Knowledge, string Message)> Turns(string dataRoot)
    {
        foreach (var relative in RelativePaths)
        {
            // Header model_name, data_source, knowledge, message, response, begin_label; tab-separated, no quoting.
            foreach (var line in File.ReadLines(Path.Combine(dataRoot, relative)).Skip(1))
            {
                var f = line.Split('\t');
                if (f.Length == 6) yield return (f[2].Trim(), f[3].Trim());
            }
        }
    }

    /// <summary>Parses one file (header <c>model_name, data_source, knowledge, message, response, begin_label</c>; no quoting).</summary>
    public static IReadOnlyList<SupportPair> Parse(IEnumerable<string> lines, out int generic)
    {
        var pairs = new List<SupportPair>();
        generic = 0;
        var header = true;
        foreach (var line in lines)
        {
            if (header)
            {
                header = false;
                continue;
            }
            if (line.Length == 0) continue;
            var f = line.Split('\t');
            if (f.Length != 6) throw new InvalidDataException($"BEGIN row with {f.Length} fields instead of 6");
            var (knowledge, response, label) = (f[2].Trim(), f[4].Trim(), f[5].Trim());
            bool supported;
            switch (label)
            {
                case "Fully attributable": supported = true; break;
                case "Not fully attributable": supported = false; break;
                case "Generic": generic++; continue;
                default: throw new InvalidDataException($"unknown BEGIN label '{label}'");
            }
            pairs.Add(new SupportPair("begin", knowledge, SupportPair.SplitOf(knowledge), response, knowledge, supported, response));
        }
        return pairs;
    }
}
