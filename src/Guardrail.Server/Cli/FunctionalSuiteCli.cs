using System.CommandLine;
using Guardrail.Detection;
using Guardrail.ML.Detection;
using Guardrail.ML.Evaluation;
using Guardrail.Pipeline;
using Guardrail.Verdicts;

namespace Guardrail.Server.Cli;

/// <summary>
/// The functional suite section of <c>guardrail eval toxicity</c>: each case checked as an answer the way
/// <c>guardrail check --text</c> checks it (every detector <c>serve</c> has, the default policy), over the toxicity rules
/// of the rules folder only (<see cref="FunctionalEvaluation.Engine"/>).
/// </summary>
internal static class FunctionalSuiteCli
{
    /// <summary>The policy the suite is scored under: what users get when a route names none.</summary>
    public const string Policy = "default";

    public static Option<string?> SuiteOption() => new("--suite")
    {
        Description = $"toxicity: folder of the functional suite (en.tsv, zh.tsv); default {FunctionalSuite.RepositoryFolder} beside the models folder, else under the current directory. grounding: the same for {GroundingSuite.RepositoryFolder} (en.jsonl, zh.jsonl).",
    };

    /// <summary>
    /// The suite folder to read (toxicity's or grounding's): <paramref name="suiteDir"/> when given, else
    /// <paramref name="relative"/> beside the models folder or under the current directory; null after printing where it looked.
    /// </summary>
    public static string? Folder(string? suiteDir, string modelsDir, string relative, TextWriter stderr)
    {
        var dir = suiteDir ?? SuiteFolder.Find(modelsDir, relative);
        if (dir is not null && Directory.Exists(dir)) return dir;
        var looked = suiteDir is null ? $"no {relative} beside '{modelsDir}' or under the current directory" : $"functional suite folder '{suiteDir}' does not exist";
        stderr.WriteLine($"guardrail eval: {looked}; pass --suite DIR");
        return null;
    }

    /// <summary>A loaded suite ready to run, or null after printing why not.</summary>
    public static Prepared? Prepare(string? suiteDir, string rulesDir, string modelsDir, TextWriter stderr)
    {
        if (Folder(suiteDir, modelsDir, FunctionalSuite.RepositoryFolder, stderr) is not { } dir) return null;
        IReadOnlyList<FunctionalCase> cases;
        try
        {
            cases = FunctionalSuite.Load(dir);
        }
        catch (FormatException e)
        {
            stderr.WriteLine(e.Message);
            stderr.WriteLine($"guardrail eval: functional suite in '{dir}' is malformed");
            return null;
        }
        var detectors = CliDetectors.Create(modelsDir);
        var full = CliRules.LoadEngine(rulesDir, Policy, detectors, stderr, "eval");
        if (full is null) return null;
        var engine = FunctionalEvaluation.Engine(full.RuleSet, full.Policy, detectors);
        var categories = detectors.TryGet(ToxicityOptions.DetectorName, out var d) && d is IClassifier c ? c.Categories : [];
        var rules = string.Join(", ", engine.ActiveRules.Select(r => $"{r.Rule.Id} {r.Action.ToWire()}"));
        return new Prepared(dir, cases, new ExchangeChecker(engine, TimeProvider.System), categories, $"{engine.PolicyVersion}, its toxicity rules ({rules})");
    }

    /// <summary>What <see cref="Prepare"/> loaded.</summary>
    public sealed record Prepared(string Directory, IReadOnlyList<FunctionalCase> Cases, ExchangeChecker Checker, IReadOnlyCollection<string> Categories, string PolicyVersion)
    {
        /// <summary>Scores every case without printing (the promotion gate compares two models this way).</summary>
        public IReadOnlyList<FunctionalOutcome> Outcomes() => FunctionalEvaluation.Score(Cases, Checker.CheckText, Categories);

        /// <summary>Prints the section: which suite and policy, then the tables.</summary>
        public void Run(TextWriter stdout)
        {
            // Relative to the working directory, so the printed line is the same on every checkout (it goes into the model card).
            stdout.WriteLine($"functional suite {Path.GetRelativePath(Environment.CurrentDirectory, Directory).Replace('\\', '/')} ({Cases.Count} cases, evaluation only), each case checked as an answer under policy {PolicyVersion}");
            FunctionalEvaluation.Run(Cases, Checker.CheckText, Categories, stdout);
        }
    }
}
