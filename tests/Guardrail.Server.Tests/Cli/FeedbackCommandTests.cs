using Guardrail.Audit;
using Guardrail.Feedback;
using Guardrail.Judging;
using Guardrail.Server.Cli;
using Guardrail.Storage.Sqlite;
using Guardrail.Testing;
using Guardrail.Verdicts;

namespace Guardrail.Server.Tests.Cli;

/// <summary><c>guardrail feedback export</c> against a real SQLite audit file.</summary>
public sealed class FeedbackCommandTests
{
    private const string Answer = "response.choices[0].message";

    [Fact]
    public async Task ExportAsync_LabelledVerdicts_JsonLinesAndTheSummary()
    {
        var folder = Directory.CreateTempSubdirectory("feedback-").FullName;
        var db = $"Data Source={Path.Combine(folder, "audit.db")}";
        var time = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
        using (var store = new SqliteAuditStore(db))
        {
            await store.EnsureSchemaAsync();
            await store.WriteAsync([
                new AuditRecord(time, "chat", new Verdict { Id = "v1", Policy = "p@1" }, [new AuditedText(Answer, "You idiot.")], AuditTextMode.Masked),
                new AuditRecord(time.AddSeconds(1), "chat", new Verdict { Id = "v2", Policy = "p@1" }, [new AuditedText(Answer, "Paris is lovely.")], AuditTextMode.Masked),
                new AuditRecord(time.AddSeconds(2), "chat", new Verdict { Id = "v3", Policy = "p@1" }, [new AuditedText(Answer, "Unlabelled.")], AuditTextMode.Masked),
            ]);
            await store.AddJudgeLabelsAsync([new JudgeLabel("v1", "no-insults", true, JudgeSeverity.High, "r", [], "judge", "c@1", "sample", time)]);
            await store.AddLabelAsync(new HumanLabel("v2", LabelKind.Correct, null, time));
        }
        var output = Path.Combine(folder, "feedback.jsonl");
        var stdout = new StringWriter();

        var code = await FeedbackCommand.ExportAsync(db, output, RepoPaths.Rules, null, stdout, new StringWriter(), CancellationToken.None);

        Assert.Equal(0, code);
        var examples = File.ReadAllLines(output).Select(FeedbackExample.FromJsonLine).ToList();
        Assert.Equal(["Paris is lovely.", "You idiot."], examples.Select(e => e!.Text).Order());
        Assert.True(examples.Single(e => e!.Text == "You idiot.")!.Labels["insult"]);
        Assert.Contains("wrote 2 labelled texts", stdout.ToString());
        Assert.Contains("1 with human labels, 1 with judge labels only", stdout.ToString());
    }

    [Fact]
    public async Task ExportAsync_NotAStore_Exit2()
    {
        var folder = Directory.CreateTempSubdirectory("feedback-").FullName;
        var stderr = new StringWriter();

        var code = await FeedbackCommand.ExportAsync($"Data Source={Path.Combine(folder, "missing.db")}", Path.Combine(folder, "out.jsonl"), RepoPaths.Rules, null, new StringWriter(), stderr, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("cannot be read", stderr.ToString());
    }
}

/// <summary><c>guardrail train toxicity --with-feedback FILE</c> reads only what <c>feedback export</c> writes.</summary>
public sealed class TrainWithFeedbackTests
{
    [Fact]
    public void ReadFeedback_BadLine_NullAndTheLineNamed()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("feedback-").FullName, "f.jsonl");
        File.WriteAllLines(file, [new FeedbackExample("ok", new Dictionary<string, bool> { ["insult"] = false }, "human", "v", "t").ToJsonLine(), "not json"]);
        var stderr = new StringWriter();

        Assert.Null(ModelCommands.ReadFeedback(file, stderr));
        Assert.Contains("f.jsonl:2: not a feedback line", stderr.ToString());
        Assert.Contains("nothing was trained", stderr.ToString());
    }

    [Fact]
    public void ReadFeedback_ExportedLines_Examples()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("feedback-").FullName, "f.jsonl");
        File.WriteAllLines(file, [new FeedbackExample("You clown.", new Dictionary<string, bool> { ["insult"] = true }, "judge", "v", "t").ToJsonLine(), ""]);

        var examples = ModelCommands.ReadFeedback(file, new StringWriter());

        Assert.True(Assert.Single(examples!).Labels["insult"]);
    }

    [Fact]
    public async Task Train_WithFeedbackForAnotherModel_Refused()
    {
        var stderr = new StringWriter();
        var file = Path.Combine(Directory.CreateTempSubdirectory("feedback-").FullName, "f.jsonl");
        File.WriteAllText(file, "");

        var code = await GuardrailCli.RunAsync(["train", "grounding", "--data", RepoPaths.Root, "--out", Path.GetTempPath() + Guid.NewGuid().ToString("N"), "--with-feedback", file], error: stderr, output: new StringWriter());

        Assert.NotEqual(0, code);
        Assert.Contains("--with-feedback retrains the toxicity and prompt-attack models only", stderr.ToString());
    }
}
