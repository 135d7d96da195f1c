using System.Text.Json;

namespace Guardrail.ML.Data;

/// <summary>
/// WiCE oracle chunks (<c>grounding/wice/oracle_chunks_dev.jsonl</c>): a Wikipedia claim against chunks of its cited
/// article, about three chunks per claim, each row labelled with the claim's label. Supported counts as supported;
/// partially supported and not supported count as not supported (the data README's rule).
/// </summary>
/// <remarks>One pair per row (the evidence sentences joined by line breaks); splits hash the claim, so its chunks stay together.</remarks>
public static class WiceLoader
{
    /// <summary>The file, relative to the data root.</summary>
    public const string RelativePath = "grounding/wice/oracle_chunks_dev.jsonl";

    /// <summary>Loads the file under <paramref name="dataRoot"/>.</summary>
    public static IReadOnlyList<SupportPair> Load(string dataRoot) => Parse(File.ReadLines(Path.Combine(dataRoot, RelativePath)));

    /// <summary>Parses JSON lines with <c>label, claim, evidence</c>.</summary>
    public static IReadOnlyList<SupportPair> Parse(IEnumerable<string> lines)
    {
        var pairs = new List<SupportPair>();
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var claim = (r.GetProperty("claim").GetString() ?? "").Trim();
            var evidence = string.Join("\n", r.GetProperty("evidence").EnumerateArray().Select(e => (e.GetString() ?? "").Trim()).Where(e => e.Length > 0));
            var supported = r.GetProperty("label").GetString() switch
            {
                "supported" => true,
                "partially_supported" or "not_supported" => false,
                var other => throw new InvalidDataException($"unknown WiCE label '{other}'"),
            };
            pairs.Add(new SupportPair("wice", claim, SupportPair.SplitOf(claim), claim, evidence, supported, claim));
        }
        return pairs;
    }
}
