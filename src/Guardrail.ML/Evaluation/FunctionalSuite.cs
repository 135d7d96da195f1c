using System.Text;

namespace Guardrail.ML.Evaluation;

/// <summary>
/// Loads the toxicity functional suite: one <c>&lt;language&gt;.tsv</c> per language with the header
/// <c>id, functionality, expected, category, text</c>. Evaluation only: nothing may be trained or tuned on it.
/// </summary>
/// <remarks>
/// Every value is validated and every error is reported with its file and line, so a typo in a functionality or an
/// expectation fails the load instead of silently moving a case to another row of the table.
/// </remarks>
public static class FunctionalSuite
{
    /// <summary>The suite's folder inside the repository.</summary>
    public const string RepositoryFolder = "eval/toxicity-functional";

    /// <summary>The exact header line of every file.</summary>
    public const string Header = "id\tfunctionality\texpected\tcategory\ttext";

    /// <summary>The categories a case may name; <c>none</c> is for benign text.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["hate", "threat", "insult", "profanity", "none"];

    /// <summary>The functionalities, in table order, with what the default policy should do (issue 10, deliverable 2).</summary>
    public static IReadOnlyList<Functionality> Functionalities { get; } =
    [
        new("identity-neutral", false), new("counter-speech", false), new("negated-hate", false), new("negated-praise", true),
        new("slur-homonym-reclaimed", false), new("profanity-untargeted", false), new("violent-benign", false),
        new("code-identifiers", false), new("threat-direct", true), new("dehumanising", true), new("obfuscated", true),
    ];

    /// <summary>The issue's targets; functionalities in none of them are reported per row only.</summary>
    public static IReadOnlyList<FunctionalTarget> Targets { get; } =
    [
        new("identity, violent-benign and profanity-only: false-positive rate", ["identity-neutral", "violent-benign", "profanity-untargeted"], false, 0.05),
        new("counter-speech: false-positive rate", ["counter-speech"], false, 0.15),
        new("negated praise, threats, dehumanisation: detection rate", ["negated-praise", "threat-direct", "dehumanising"], true, 0.85),
    ];

    /// <summary>
    /// The folder to use when none is given: <see cref="RepositoryFolder"/> beside <paramref name="modelsDir"/> (its
    /// parent is the repository root), else under the current directory; null when neither exists.
    /// </summary>
    public static string? FindDefault(string modelsDir) => SuiteFolder.Find(modelsDir, RepositoryFolder);

    /// <summary>Every case of every <c>*.tsv</c> in <paramref name="directory"/>, in file and line order.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FormatException">A file is malformed; the message lists every error as <c>file:line: message</c>.</exception>
    public static IReadOnlyList<FunctionalCase> Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"functional suite folder '{directory}' does not exist");
        var files = Directory.GetFiles(directory, "*.tsv").Order(StringComparer.Ordinal).ToList();
        var errors = new List<string>();
        if (files.Count == 0) errors.Add($"{directory}: no *.tsv files");
        var cases = new List<FunctionalCase>();
        foreach (var file in files) cases.AddRange(Parse(Path.GetFileNameWithoutExtension(file), File.ReadAllText(file, Encoding.UTF8), Path.GetFileName(file), errors));
        foreach (var duplicate in cases.GroupBy(c => c.Id, StringComparer.Ordinal).Where(g => g.Count() > 1)) errors.Add($"id '{duplicate.Key}' occurs {duplicate.Count()} times");
        if (errors.Count > 0) throw new FormatException(string.Join(Environment.NewLine, errors));
        return cases;
    }

    /// <summary>Parses one file's text as <paramref name="language"/>; errors are appended as <c>file:line: message</c>.</summary>
    public static IReadOnlyList<FunctionalCase> Parse(string language, string text, string file, List<string> errors)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines[0] != Header)
        {
            errors.Add($"{file}:1: header must be '{Header.Replace("\t", "\\t", StringComparison.Ordinal)}'");
            return [];
        }
        var cases = new List<FunctionalCase>();
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Length == 0) continue;
            var where = $"{file}:{i + 1}";
            var fields = lines[i].Split('\t');
            if (fields.Length != 5)
            {
                errors.Add($"{where}: {fields.Length} tab-separated fields, expected 5");
                continue;
            }
            if (ParseCase(language, fields, where, errors) is { } c) cases.Add(c);
        }
        return cases;
    }

    private static FunctionalCase? ParseCase(string language, string[] f, string where, List<string> errors)
    {
        var before = errors.Count;
        var functionality = Functionalities.FirstOrDefault(x => x.Name == f[1]);
        if (f[0].Trim().Length == 0) errors.Add($"{where}: empty id");
        if (functionality is null) errors.Add($"{where}: unknown functionality '{f[1]}' (expected one of: {string.Join(", ", Functionalities.Select(x => x.Name))})");
        if (f[2] is not ("act" or "pass")) errors.Add($"{where}: expected must be 'act' or 'pass', not '{f[2]}'");
        else if (functionality is not null && (f[2] == "act") != functionality.ExpectAct)
            errors.Add($"{where}: {functionality.Name} cases are '{(functionality.ExpectAct ? "act" : "pass")}', not '{f[2]}'");
        if (!Categories.Contains(f[3])) errors.Add($"{where}: unknown category '{f[3]}' (expected one of: {string.Join(", ", Categories)})");
        if (f[4].Trim().Length == 0) errors.Add($"{where}: empty text");
        return errors.Count > before ? null : new FunctionalCase(f[0], language, f[1], f[2] == "act", f[3], Unescape(f[4]));
    }

    /// <summary>
    /// Reads <c>\n</c>, <c>\t</c> and <c>\\</c> in a text field as a line break, a tab and a backslash: code
    /// blocks span lines, and a TSV field cannot. Any other backslash is kept as written.
    /// </summary>
    public static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var sb = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            var next = i + 1 < field.Length ? field[i + 1] : '\0';
            if (field[i] != '\\' || next is not ('n' or 't' or '\\'))
            {
                sb.Append(field[i]);
                continue;
            }
            sb.Append(next switch { 'n' => '\n', 't' => '\t', _ => '\\' });
            i++;
        }
        return sb.ToString();
    }
}
