using System.CommandLine;
using Guardrail.ML.Evaluation;
using Guardrail.ML.Runtime;
using Guardrail.ML.Training;

namespace Guardrail.Server.Cli;

/// <summary><c>guardrail models promote CANDIDATE</c>: replaces the toxicity models only with a candidate that is not worse.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "Manage the shipped models.");
        var candidate = new Argument<string>("CANDIDATE") { Description = "Folder of a retrained toxicity model (toxicity.json and its zips) or prompt-attack model (attacks.json and its zips), e.g. from train toxicity|attacks --with-feedback --out DIR." };
        var team = new Option<string>("--team-data") { Description = "attacks: the team's held-out evaluation files.", DefaultValueFactory = _ => Guardrail.ML.Data.Attacks.TeamFiles.DefaultDirectory };
        var models = CliDetectors.ModelsOption();
        var data = new Option<string>("--data") { Description = "Labelled data root (held-out splits).", DefaultValueFactory = _ => "../shared/data" };
        var suite = FunctionalSuiteCli.SuiteOption();
        var rules = new Option<string>("--rules") { Description = "Rules folder for the functional suite (default policy).", DefaultValueFactory = _ => CliRules.DefaultDirectory };
        var promote = new Command("promote", "Evaluate CANDIDATE against the current toxicity models on every held-out set and the functional suite; copy it in only if it is not worse on any.") { candidate, models, data, suite, rules, team };
        promote.SetAction(parse =>
        {
            var (dir, stdout, stderr) = (parse.GetValue(candidate)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            // The candidate's manifest says which family it is.
            return File.Exists(Path.Combine(dir, AttackManifest.FileName)) && !File.Exists(Path.Combine(dir, ToxicityManifest.FileName))
                ? PromoteAttacks(dir, parse.GetValue(models)!, parse.GetValue(data)!, parse.GetValue(team)!, stdout, stderr)
                : Promote(dir, parse.GetValue(models)!, parse.GetValue(data)!, parse.GetValue(suite), parse.GetValue(rules)!, stdout, stderr);
        });
        command.Subcommands.Add(promote);
        return command;
    }

    /// <summary>Exit 0 when promoted, 1 when refused (worse somewhere), 2 when something cannot be read.</summary>
    public static int Promote(string candidateDir, string modelsDir, string dataDir, string? suiteDir, string rulesDir, TextWriter stdout, TextWriter stderr)
    {
        foreach (var (dir, what) in new[] { (candidateDir, "candidate"), (modelsDir, "models") })
        {
            if (!File.Exists(Path.Combine(dir, ToxicityManifest.FileName)))
            {
                stderr.WriteLine($"guardrail models promote: {what} folder '{dir}' has no {ToxicityManifest.FileName}");
                return 2;
            }
        }
        if (!Directory.Exists(dataDir))
        {
            stderr.WriteLine($"guardrail models promote: data folder '{dataDir}' does not exist");
            return 2;
        }
        ToxicityModels current, next;
        try
        {
            (current, next) = (ToxicityModels.Load(modelsDir), ToxicityModels.Load(candidateDir));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException or System.Text.Json.JsonException)
        {
            stderr.WriteLine($"guardrail models promote: a model does not load ({ex.Message})");
            return 2;
        }
        // The candidate is judged beside the current grounding and attack models: a folder with both, the candidate's
        // toxicity files over the current ones. The suite is read from beside the current models for both.
        var overlay = Overlay(modelsDir, candidateDir, next);
        FunctionalSuiteCli.Prepared? currentSuite, candidateSuite;
        try
        {
            suiteDir ??= FunctionalSuiteCli.Folder(null, modelsDir, FunctionalSuite.RepositoryFolder, stderr);
            if (suiteDir is null) return 2;
            currentSuite = FunctionalSuiteCli.Prepare(suiteDir, rulesDir, modelsDir, stderr);
            candidateSuite = FunctionalSuiteCli.Prepare(suiteDir, rulesDir, overlay, stderr);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            stderr.WriteLine($"guardrail models promote: {string.Join("; ", ex.Failures)}");
            return 2;
        }
        if (currentSuite is null || candidateSuite is null) return 2;

        var rows = PromotionGate.Compare(
            ToxicityEvaluation.Run(dataDir, modelsDir, TextWriter.Null),
            ToxicityEvaluation.Run(dataDir, overlay, TextWriter.Null),
            PromotionGate.SuiteAccuracy(currentSuite.Outcomes()),
            PromotionGate.SuiteAccuracy(candidateSuite.Outcomes()));
        stdout.WriteLine($"current {current.Version} ({modelsDir}) against candidate {next.Version} ({candidateDir})");
        stdout.Write(PromotionGate.Format(rows));
        var worse = rows.Where(r => r.Worse).ToList();
        if (worse.Count > 0)
        {
            stdout.WriteLine($"refused: the candidate is worse on {worse.Count} of {rows.Count} measures: " +
                string.Join("; ", worse.Select(r => $"{r.Measure} {r.Current:F3} -> {r.Candidate:F3}")));
            Directory.Delete(overlay, recursive: true);
            return 1;
        }
        // Exactly the files the manifests name: the candidate's in, the current ones it no longer lists out.
        var incoming = Files(next).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Files(current).Where(f => !incoming.Contains(f))) File.Delete(Path.Combine(modelsDir, file));
        foreach (var file in incoming) File.Copy(Path.Combine(candidateDir, file), Path.Combine(modelsDir, file), overwrite: true);
        Directory.Delete(overlay, recursive: true);
        stdout.WriteLine($"promoted {next.Version} to {modelsDir} (was {current.Version}): not worse on any of {rows.Count} measures");
        return 0;
    }

    /// <summary>The prompt-attack gate: exit 0 when promoted, 1 when refused, 2 when something cannot be read.</summary>
    public static int PromoteAttacks(string candidateDir, string modelsDir, string dataDir, string teamDir, TextWriter stdout, TextWriter stderr)
    {
        foreach (var (dir, what) in new[] { (candidateDir, "candidate"), (modelsDir, "models") })
        {
            if (!File.Exists(Path.Combine(dir, AttackManifest.FileName)))
            {
                stderr.WriteLine($"guardrail models promote: {what} folder '{dir}' has no {AttackManifest.FileName}");
                return 2;
            }
        }
        if (!Directory.Exists(dataDir) || !Directory.Exists(teamDir))
        {
            stderr.WriteLine($"guardrail models promote: data folder '{dataDir}' or team folder '{teamDir}' does not exist");
            return 2;
        }
        var (current, next) = (AttackManifest.Load(modelsDir), AttackManifest.Load(candidateDir));
        var files = next.Models.Select(m => m.File).Append(AttackManifest.FileName).ToList();
        var overlay = Directory.CreateTempSubdirectory("guardrail-candidate-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(modelsDir)) File.Copy(file, Path.Combine(overlay, Path.GetFileName(file)));
            foreach (var file in files) File.Copy(Path.Combine(candidateDir, file), Path.Combine(overlay, file), overwrite: true);
            var rows = PromotionGate.CompareAttacks(
                AttackEvaluation.Run(dataDir, teamDir, modelsDir, TextWriter.Null),
                AttackEvaluation.Run(dataDir, teamDir, overlay, TextWriter.Null));
            stdout.WriteLine($"current {current.Version} ({modelsDir}) against candidate {next.Version} ({candidateDir})");
            stdout.Write(PromotionGate.Format(rows));
            var worse = rows.Where(r => r.Worse).ToList();
            if (worse.Count > 0)
            {
                stdout.WriteLine($"refused: the candidate is worse on {worse.Count} of {rows.Count} measures: " + string.Join("; ", worse.Select(r => $"{r.Measure} {r.Current:F3} -> {r.Candidate:F3}")));
                return 1;
            }
            foreach (var file in current.Models.Select(m => m.File).Where(f => !files.Contains(f))) File.Delete(Path.Combine(modelsDir, file));
            foreach (var file in files) File.Copy(Path.Combine(candidateDir, file), Path.Combine(modelsDir, file), overwrite: true);
            stdout.WriteLine($"promoted {next.Version} to {modelsDir} (was {current.Version}): not worse on any of {rows.Count} measures");
            return 0;
        }
        finally
        {
            Directory.Delete(overlay, recursive: true);
        }
    }

    // The files a toxicity manifest names, itself included.
    private static IEnumerable<string> Files(ToxicityModels m) =>
        m.Manifest.Models.SelectMany(x => x.ScaleFile is null ? [x.File] : new[] { x.File, x.ScaleFile }).Append(ToxicityManifest.FileName);

    private static string Overlay(string modelsDir, string candidateDir, ToxicityModels candidate)
    {
        var dir = Directory.CreateTempSubdirectory("guardrail-candidate-").FullName;
        foreach (var file in Directory.GetFiles(modelsDir)) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        foreach (var file in Files(candidate)) File.Copy(Path.Combine(candidateDir, file), Path.Combine(dir, file), overwrite: true);
        return dir;
    }
}
