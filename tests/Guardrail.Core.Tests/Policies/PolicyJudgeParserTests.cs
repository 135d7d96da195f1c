using Guardrail.Policies;
using Guardrail.Rules.Loading;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Policies;

public sealed class PolicyJudgeParserTests
{
    private static RuleLoadResult Load(string policyYaml) => OnePolicyFolder.Load(policyYaml);

    [Fact]
    public void Load_JudgeAndReviseSections_EverySettingRead()
    {
        var result = Load("name: p\njudge: { sample: 0.25, band: 0.05, text: full, sync: { categories: [grounding, insult], budgetMs: 800, action: block } }\nrevise: { budgetMs: 4000 }\n");

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var p = result.Policies["p"];
        Assert.Equal((0.25, 0.05, JudgeTextMode.Full), (p.Judge.SampleRate, p.Judge.Band, p.Judge.Text));
        Assert.Equal(["grounding", "insult"], p.Judge.SyncCategories);
        Assert.Equal((TimeSpan.FromMilliseconds(800), Decision.Block), (p.Judge.SyncBudget, p.Judge.SyncAction));
        Assert.Equal(TimeSpan.FromSeconds(4), p.ReviseBudget);
    }

    [Fact]
    public void Load_NoSections_Defaults()
    {
        var p = Load("name: p\n").Policies["p"];

        Assert.Equal((null, null, JudgeTextMode.Audit), (p.Judge.SampleRate, p.Judge.Band, p.Judge.Text));
        Assert.Empty(p.Judge.SyncCategories);
        Assert.Equal(TimeSpan.FromSeconds(15), p.ReviseBudget);
    }

    [Theory]
    [InlineData("judge: { sample: 2 }", "threshold 2 is outside [0, 1]")]
    [InlineData("judge: { text: raw }", "invalid judge.text 'raw'")]
    [InlineData("judge: { sync: { budgetMs: 100 } }", "missing required key 'categories'")]
    [InlineData("judge: { sync: { categories: [x], action: redact } }", "invalid judge.sync.action 'redact'")]
    [InlineData("judge: { samples: 0.1 }", "unknown key 'samples' in judge")]
    [InlineData("revise: { budgetMs: 0 }", "'revise.budgetMs' must be a whole number of milliseconds")]
    public void Load_BadJudgeOrRevise_ErrorNamesIt(string section, string message)
    {
        var result = Load("name: p\n" + section + "\n");

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }
}
