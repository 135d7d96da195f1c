using Guardrail.Server.Cli;
using Guardrail.Testing;

namespace Guardrail.Server.Tests.Cli;

public sealed class RulesCommandTests
{
    [Fact]
    public void RunTest_ShippedRules_AllPassWithClosingLine()
    {
        var stdout = new StringWriter();
        var code = RulesCommand.RunTest(RepoPaths.Rules, "text", stdout, new StringWriter(), RepoPaths.Models);

        var lines = stdout.ToString().TrimEnd().Split('\n');
        Assert.Equal(0, code);
        Assert.Matches(@"^\d+ passed, 0 failed$", lines[^1].Trim());
    }

    [Fact]
    public void RunTest_FailingCase_ExitsNonZeroAndCountsIt()
    {
        var dir = RepoPaths.RulesCopy(new Dictionary<string, string>
        {
            ["test/wrong.yaml"] = """
                id: test.wrong
                description: A rule whose embedded case is wrong.
                direction: response
                when: { keywords: [banana] }
                action: flag
                tests:
                  - { text: "I like banana bread.", expect: match }
                  - { text: "I like banana splits.", expect: no-match }
                """,
        });
        var stdout = new StringWriter();
        var code = RulesCommand.RunTest(dir, "text", stdout, new StringWriter(), RepoPaths.Models);

        Assert.Equal(1, code);
        Assert.Matches(@"\d+ passed, 1 failed", stdout.ToString());
        Assert.Contains("test.wrong", stdout.ToString());
    }

    [Fact]
    public void RunTest_FormatJsonChineseCase_WritesTextAsIs()
    {
        var dir = RepoPaths.RulesCopy(new Dictionary<string, string>
        {
            ["test/chinese.yaml"] = """
                id: test.chinese
                description: A rule whose cases are Chinese and carry ' < + characters.
                direction: response
                when: { keywords: [禁止] }
                action: flag
                tests:
                  - { text: "这是禁止的内容 it's <b>1+1</b>", expect: match }
                  - { text: "今天天气很好", expect: no-match }
                """,
        });
        var stdout = new StringWriter();
        var code = RulesCommand.RunTest(dir, "json", stdout, new StringWriter(), RepoPaths.Models);

        Assert.Equal(0, code);
        Assert.Contains("\"text\":\"这是禁止的内容 it's <b>1+1</b>\"", stdout.ToString());
        Assert.Contains("你真是个傻逼", stdout.ToString()); // a shipped toxicity case
        // Escapes left are for what a reader cannot see (no-break and thin spaces, tag characters in evasion cases).
        Assert.DoesNotMatch(@"\\u(4[E-F]|[5-9][0-9A-F])[0-9A-F]{2}|\\u00(27|3C|3E|2B|26)", stdout.ToString());
    }

    [Fact]
    public void RunLint_BrokenRule_ReportsFileLineColumn()
    {
        var dir = RepoPaths.RulesCopy(new Dictionary<string, string>
        {
            ["test/broken.yaml"] = "id: test.broken\ndescription: Broken.\ndirection: sideways\nwhen: { keywords: [x] }\naction: flag\ntests:\n  - { text: a x, expect: match }\n",
        });
        var stdout = new StringWriter();
        var code = RulesCommand.RunLint(dir, "text", stdout, new StringWriter(), RepoPaths.Models);

        Assert.Equal(1, code);
        Assert.Matches(@"test/broken\.yaml:3:\d+: ", stdout.ToString());
        Assert.Contains("no-match", stdout.ToString());
    }

    [Fact]
    public void RunLint_ShippedRules_EveryRegisteredDetectorKnown()
    {
        // The shipped rules use every detector serve registers (toxicity, attack, …): lint must know them all.
        var stdout = new StringWriter();

        Assert.Equal(0, RulesCommand.RunLint(RepoPaths.Rules, "text", stdout, new StringWriter(), RepoPaths.Models));
        Assert.EndsWith("no errors", stdout.ToString().Trim());
    }

    [Fact]
    public void RunLint_ModelsFolderWithoutModels_Exit2OneLine()
    {
        var empty = Directory.CreateTempSubdirectory("lint-models-").FullName;
        var stderr = new StringWriter();

        Assert.Equal(2, RulesCommand.RunLint(RepoPaths.Rules, "text", new StringWriter(), stderr, empty));
        Assert.StartsWith($"guardrail rules lint: models folder '{empty}': ", stderr.ToString());
        Assert.Single(stderr.ToString().Trim().Split('\n'));
    }
}
