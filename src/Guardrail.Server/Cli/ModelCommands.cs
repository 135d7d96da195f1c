using System.CommandLine;
using Guardrail.ML.Evaluation;
using Guardrail.ML.Training;

namespace Guardrail.Server.Cli;

/// <summary><c>guardrail train &lt;model&gt;</c> and <c>guardrail eval &lt;model&gt;</c>: reproduce and measure the shipped models.</summary>
internal static class ModelCommands
{
    private static readonly string[] Models = ["toxicity", "grounding", "attacks"];

    public static Command Train()
    {
        var model = ModelArgument();
        var data = DataOption();
        var output = new Option<string>("--out") { Description = "Folder to write the models and manifest to.", DefaultValueFactory = _ => CliDetectors.DefaultModels };
        var force = new Option<bool>("--force") { Description = "Overwrite model files already in --out (the shipped models, by default)." };
        var windowsOnly = new Option<bool>("--windows-only")
        {
            Description = "toxicity: keep the models in --out and only tune how they score windows inside long sentences (rewrites toxicity.json).",
        };
        var team = TeamDataOption();
        var feedback = new Option<string?>("--with-feedback") { Description = "toxicity: add the labelled texts of a `guardrail feedback export` file to the training split." };
        var command = new Command("train", "Train a shipped model from the labelled data (deterministic).") { model, data, output, force, windowsOnly, team, feedback };
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var dataDir = parse.GetValue(data)!;
            var outDir = parse.GetValue(output)!;
            var name = parse.GetValue(model);
            var grounding = name == "grounding";
            var outputs = name switch { "grounding" => GroundingTraining.OutputFiles, "attacks" => AttackTraining.OutputFiles, _ => ToxicityTraining.OutputFiles };
            // The default --out is the shipped models folder: a retrain must not replace what ships by accident.
            var existing = outputs.Where(f => File.Exists(Path.Combine(outDir, f))).ToList();
            if (existing.Count > 0 && !parse.GetValue(force))
            {
                stderr.WriteLine($"guardrail train: '{outDir}' already holds {string.Join(", ", existing)}; pass --force to overwrite, or --out another folder");
                return 1;
            }
            if (parse.GetValue(feedback) is not null && name is not ("toxicity" or "attacks")) return Fail(stderr, "train", "--with-feedback retrains the toxicity and prompt-attack models only");
            if (!Directory.Exists(dataDir)) return Fail(stderr, "train", $"data folder '{dataDir}' does not exist");
            if (name == "attacks") return TrainAttacks(dataDir, TeamData(parse.GetValue(team), "attacks"), outDir, parse.GetValue(feedback), stdout, stderr);
            if (grounding)
            {
                var chinese = TeamData(parse.GetValue(team), "grounding");
                if (!Directory.Exists(chinese)) return Fail(stderr, "train", $"team data folder '{chinese}' does not exist");
                GroundingTraining.Run(dataDir, chinese, outDir, stdout);
            }
            else if (parse.GetValue(feedback) is { } feedbackFile)
            {
                if (ReadFeedback(feedbackFile, stderr) is not { } examples) return 2;
                stdout.WriteLine($"feedback {feedbackFile}: {examples.Count} labelled texts ({examples.Count(e => e.Source == Guardrail.Feedback.FeedbackExample.Human)} human, {examples.Count(e => e.Source != Guardrail.Feedback.FeedbackExample.Human)} judge) added to the training split");
                ToxicityTraining.Run(Guardrail.ML.Data.ToxicityData.Load(dataDir).WithFeedback(examples), outDir, stdout);
            }
            else if (!parse.GetValue(windowsOnly)) ToxicityTraining.Run(dataDir, outDir, stdout);
            else if (!File.Exists(Path.Combine(outDir, "toxicity.json"))) return Fail(stderr, "train", $"models folder '{outDir}' has no toxicity.json");
            else WindowTuning.Run(Guardrail.ML.Data.ToxicityData.Load(dataDir), outDir, stdout);
            return 0;
        });
        return command;
    }

    /// <summary>The examples of a feedback file; null (each bad line reported by number) when any line is not one.</summary>
    internal static List<Guardrail.Feedback.FeedbackExample>? ReadFeedback(string file, TextWriter stderr)
    {
        if (!File.Exists(file))
        {
            stderr.WriteLine($"guardrail train: feedback file '{file}' does not exist");
            return null;
        }
        var examples = new List<Guardrail.Feedback.FeedbackExample>();
        var bad = 0;
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (line.Length == 0) continue;
            if (Guardrail.Feedback.FeedbackExample.FromJsonLine(line) is { } example) examples.Add(example);
            else if (bad++ < 5) stderr.WriteLine($"{file}:{number}: not a feedback line (expected {{\"text\", \"labels\", \"source\", …}} from guardrail feedback export)");
        }
        if (bad > 0)
        {
            stderr.WriteLine($"guardrail train: {bad} line(s) of '{file}' are not feedback; nothing was trained");
            return null;
        }
        return examples;
    }

    public static Command Eval()
    {
        var model = ModelArgument();
        var data = DataOption();
        var models = CliDetectors.ModelsOption();
        var taskSpecific = new Option<bool>("--task-specific")
        {
            Description = "Also train the same recipe on each benchmark's train split only (in memory, not shipped; minutes) and print a second, task-specific table.",
        };
        var suite = FunctionalSuiteCli.SuiteOption();
        var rules = new Option<string>("--rules") { Description = "toxicity: rules folder for the functional suite (default policy).", DefaultValueFactory = _ => CliRules.DefaultDirectory };
        var team = TeamDataOption();
        var command = new Command("eval", "Evaluate a shipped model on the held-out and test splits and print the metrics table.") { model, data, models, taskSpecific, suite, rules, team };
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var dataDir = parse.GetValue(data)!;
            if (!Directory.Exists(dataDir)) return Fail(stderr, "eval", $"data folder '{dataDir}' does not exist");
            var modelsDir = parse.GetValue(models)!;
            if (parse.GetValue(model) == "grounding") return EvalGrounding(dataDir, TeamData(parse.GetValue(team), "grounding"), modelsDir, parse.GetValue(suite), stdout, stderr);
            if (parse.GetValue(model) == "attacks") return EvalAttacks(dataDir, TeamData(parse.GetValue(team), "attacks"), modelsDir, stdout, stderr);
            if (!File.Exists(Path.Combine(modelsDir, "toxicity.json"))) return Fail(stderr, "eval", $"models folder '{modelsDir}' has no toxicity.json");
            // The suite and the rules are read before the minutes of scoring, so a wrong path fails at once.
            var functional = FunctionalSuiteCli.Prepare(parse.GetValue(suite), parse.GetValue(rules)!, modelsDir, stderr);
            if (functional is null) return 2;
            PrintFootprint(modelsDir, stdout);
            ToxicityEvaluation.Run(dataDir, modelsDir, stdout);
            stdout.WriteLine();
            functional.Run(stdout);
            if (parse.GetValue(taskSpecific))
            {
                stdout.WriteLine();
                TaskSpecificEvaluation.Run(dataDir, stdout, stderr);
            }
            return 0;
        });
        return command;
    }

    private static int EvalGrounding(string dataDir, string chineseDir, string modelsDir, string? suiteDir, TextWriter stdout, TextWriter stderr)
    {
        if (!Guardrail.ML.Runtime.SupportModel.TryLoad(modelsDir, out var model, out var error)) return Fail(stderr, "eval", error);
        // The suite is read before the data tables, so a wrong path or a malformed case fails at once.
        if (FunctionalSuiteCli.Folder(suiteDir, modelsDir, GroundingSuite.RepositoryFolder, stderr) is not { } dir) return 2;
        IReadOnlyList<GroundingCase> cases;
        try
        {
            cases = GroundingSuite.Load(dir);
        }
        catch (FormatException e)
        {
            stderr.WriteLine(e.Message);
            stderr.WriteLine($"guardrail eval: functional suite in '{dir}' is malformed");
            return 2;
        }
        GroundingEvaluation.Run(dataDir, modelsDir, stdout);
        stdout.WriteLine();
        if (Directory.Exists(chineseDir))
        {
            ChinesePairsEvaluation.Run(chineseDir, model!, stdout);
            stdout.WriteLine();
        }
        else
        {
            stdout.WriteLine($"Chinese pairs: folder '{chineseDir}' not found, table skipped (pass --team-data)");
            stdout.WriteLine();
        }
        stdout.WriteLine($"grounding functional suite {Path.GetRelativePath(Environment.CurrentDirectory, dir).Replace('\\', '/')} ({cases.Count} cases, evaluation only), each answer checked by {GroundingCitationCheck.Name}");
        stdout.WriteLine("accuracy: the outcome the case expects (a contradiction reported as grounding.contradicted-claim); caught: a finding where one is due (a contradiction reported as unsupported counts); named: a finding quotes both conflicting terms");
        stdout.WriteLine();
        stdout.Write(GroundingSuiteEvaluation.Format(GroundingSuiteEvaluation.Run(cases, model!)));
        stdout.WriteLine();
        PerturbedEvaluation.Run(dataDir, model!, stdout);
        return 0;
    }

    private static int TrainAttacks(string dataDir, string teamDir, string outDir, string? feedbackFile, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(teamDir)) return Fail(stderr, "train", $"team data folder '{teamDir}' does not exist");
        List<Guardrail.ML.Data.Attacks.AttackExample> extra = [];
        if (feedbackFile is not null)
        {
            if (ReadFeedback(feedbackFile, stderr) is not { } examples) return 2;
            extra = [.. Guardrail.ML.Data.Attacks.AttackFeedback.Rows(examples)];
            stdout.WriteLine($"feedback {feedbackFile}: {extra.Count} of {examples.Count} labelled texts say whether they are an attack; added to the training split");
        }
        AttackTraining.Run(dataDir, teamDir, outDir, stdout, extra);
        return 0;
    }

    private static int EvalAttacks(string dataDir, string teamDir, string modelsDir, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(Path.Combine(modelsDir, Guardrail.ML.Runtime.AttackManifest.FileName))) return Fail(stderr, "eval", $"models folder '{modelsDir}' has no {Guardrail.ML.Runtime.AttackManifest.FileName}");
        if (!Directory.Exists(teamDir)) return Fail(stderr, "eval", $"team data folder '{teamDir}' does not exist");
        AttackEvaluation.Run(dataDir, teamDir, modelsDir, stdout);
        return 0;
    }

    // The team's own examples (attacks: training supplements and held-out evaluation files), committed in the repository.
    private static Option<string> TeamDataOption() => new("--team-data")
    {
        Description = $"attacks: folder of the team-written training supplements and held-out evaluation files (default {Guardrail.ML.Data.Attacks.TeamFiles.DefaultDirectory}); grounding: the team's Chinese pairs (default {Guardrail.ML.Data.ChinesePairs.DefaultDirectory}).",
    };

    private static string TeamData(string? given, string model) =>
        given ?? (model == "grounding" ? Guardrail.ML.Data.ChinesePairs.DefaultDirectory : Guardrail.ML.Data.Attacks.TeamFiles.DefaultDirectory);

    // Load time and resident memory of the loaded models, as the proxy pays them at startup (model card figures).
    private static void PrintFootprint(string modelsDir, TextWriter stdout)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        GC.Collect();
        var before = (Heap: GC.GetTotalMemory(true), Resident: process.WorkingSet64);
        var models = Guardrail.ML.Runtime.ToxicityModels.Load(modelsDir);
        models.Score("warm up the pooled engines", "en", 3);
        process.Refresh();
        var after = (Heap: GC.GetTotalMemory(true), Resident: process.WorkingSet64);
        stdout.WriteLine($"load {models.LoadTime.TotalMilliseconds:F0} ms, managed heap +{(after.Heap - before.Heap) / 1048576.0:F1} MB, resident +{(after.Resident - before.Resident) / 1048576.0:F1} MB");
        GC.KeepAlive(models);
    }

    private static Argument<string> ModelArgument()
    {
        var argument = new Argument<string>("model") { Description = "Model family: toxicity, grounding or attacks." };
        argument.Validators.Add(r =>
        {
            if (!Models.Contains(r.GetValueOrDefault<string>())) r.AddError($"unknown model '{r.GetValueOrDefault<string>()}'; expected one of: {string.Join(", ", Models)}");
        });
        return argument;
    }

    private static Option<string> DataOption() => new("--data")
    {
        Description = "The labelled data root (../shared/data).",
        DefaultValueFactory = _ => Path.Combine("..", "shared", "data"),
    };

    private static int Fail(TextWriter stderr, string command, string message)
    {
        stderr.WriteLine($"guardrail {command}: {message}");
        return 2;
    }
}
