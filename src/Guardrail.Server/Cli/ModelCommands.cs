using System.CommandLine;
using Guardrail.ML.Evaluation;
using Guardrail.ML.Training;

namespace Guardrail.Server.Cli;

/// <summary><c>guardrail train &lt;model&gt;</c> and <c>guardrail eval &lt;model&gt;</c>: reproduce and measure the shipped models.</summary>
internal static class ModelCommands
{
    private static readonly string[] Models = ["toxicity", "grounding"];

    public static Command Train()
    {
        var model = ModelArgument();
        var data = DataOption();
        var output = new Option<string>("--out") { Description = "Folder to write the models and manifest to.", DefaultValueFactory = _ => CliDetectors.DefaultModels };
        var command = new Command("train", "Train a shipped model from the labelled data (deterministic).") { model, data, output };
        command.SetAction(parse =>
        {
            var dataDir = parse.GetValue(data)!;
            if (!Directory.Exists(dataDir)) return Fail("train", $"data folder '{dataDir}' does not exist");
            if (parse.GetValue(model) == "grounding") GroundingTraining.Run(dataDir, parse.GetValue(output)!, Console.Out);
            else ToxicityTraining.Run(dataDir, parse.GetValue(output)!, Console.Out);
            return 0;
        });
        return command;
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
        var command = new Command("eval", "Evaluate a shipped model on the held-out and test splits and print the metrics table.") { model, data, models, taskSpecific };
        command.SetAction(parse =>
        {
            var dataDir = parse.GetValue(data)!;
            if (!Directory.Exists(dataDir)) return Fail("eval", $"data folder '{dataDir}' does not exist");
            var modelsDir = parse.GetValue(models)!;
            if (parse.GetValue(model) == "grounding") return EvalGrounding(dataDir, modelsDir);
            if (!File.Exists(Path.Combine(modelsDir, "toxicity.json"))) return Fail("eval", $"models folder '{modelsDir}' has no toxicity.json");
            PrintFootprint(modelsDir);
            ToxicityEvaluation.Run(dataDir, modelsDir, Console.Out);
            if (parse.GetValue(taskSpecific))
            {
                Console.WriteLine();
                TaskSpecificEvaluation.Run(dataDir, Console.Out, Console.Error);
            }
            return 0;
        });
        return command;
    }

    private static int EvalGrounding(string dataDir, string modelsDir)
    {
        if (!Guardrail.ML.Runtime.SupportModel.TryLoad(modelsDir, out _, out var error)) return Fail("eval", error);
        GroundingEvaluation.Run(dataDir, modelsDir, Console.Out);
        return 0;
    }

    // Load time and resident memory of the loaded models, as the proxy pays them at startup (model card figures).
    private static void PrintFootprint(string modelsDir)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        GC.Collect();
        var before = (Heap: GC.GetTotalMemory(true), Resident: process.WorkingSet64);
        var models = Guardrail.ML.Runtime.ToxicityModels.Load(modelsDir);
        models.Score("warm up the pooled engines", "en", 3);
        process.Refresh();
        var after = (Heap: GC.GetTotalMemory(true), Resident: process.WorkingSet64);
        Console.WriteLine($"load {models.LoadTime.TotalMilliseconds:F0} ms, managed heap +{(after.Heap - before.Heap) / 1048576.0:F1} MB, resident +{(after.Resident - before.Resident) / 1048576.0:F1} MB");
        GC.KeepAlive(models);
    }

    private static Argument<string> ModelArgument()
    {
        var argument = new Argument<string>("model") { Description = "Model family: toxicity or grounding." };
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

    private static int Fail(string command, string message)
    {
        Console.Error.WriteLine($"guardrail {command}: {message}");
        return 2;
    }
}
