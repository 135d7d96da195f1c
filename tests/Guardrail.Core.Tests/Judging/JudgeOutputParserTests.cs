using Guardrail.Judging;

namespace Guardrail.Core.Tests.Judging;

public class JudgeOutputParserTests
{
    private const string Answer = "response.choices[0].message";
    private static readonly Constitution Constitution = ConstitutionLoader.LoadFromRules(TestPaths.Rules)!.Constitution!;
    private static readonly Dictionary<string, int> Lengths = new() { [Answer] = 40, ["request.messages[0]"] = 10 };

    private static string Verdict(string principle = "no-insults", string violated = "true", string severity = "\"high\"", string spans = $$"""[{"target": "{{Answer}}", "start": 0, "end": 10}]""", string extra = "") =>
        $$"""{"principle": "{{principle}}", "violated": {{violated}}, "severity": {{severity}}, "rationale": "Calls the user an idiot.", "spans": {{spans}}{{extra}}}""";

    [Fact]
    public void Parse_ExactShape_VerdictsRead()
    {
        var outcome = JudgeOutputParser.Parse($$"""{"verdicts": [{{Verdict()}}, {{Verdict("no-threats", "false", "\"low\"", "[]")}}]}""", Constitution, Lengths);

        Assert.True(outcome.Succeeded, outcome.Detail);
        Assert.True(outcome.AnyViolated);
        var first = outcome.Verdicts![0];
        Assert.Equal(("no-insults", true, JudgeSeverity.High), (first.Principle, first.Violated, first.Severity));
        Assert.Equal(new JudgeSpan(Answer, 0, 10), Assert.Single(first.Spans));
        Assert.False(outcome.Verdicts[1].Violated);
    }

    [Theory]
    [InlineData("The answer is fine.", JudgeErrors.NotJson)]
    [InlineData("", JudgeErrors.NotJson)]
    [InlineData("```json\n{\"verdicts\": []}\n```", JudgeErrors.NotJson)]
    [InlineData("[]", JudgeErrors.WrongShape)]
    [InlineData("{\"verdicts\": []}", JudgeErrors.WrongShape)]
    [InlineData("{\"verdicts\": {}}", JudgeErrors.WrongShape)]
    [InlineData("{\"results\": []}", JudgeErrors.WrongShape)]
    public void Parse_NotTheSchema_Error(string content, string code)
    {
        var outcome = JudgeOutputParser.Parse(content, Constitution, Lengths);

        Assert.False(outcome.Succeeded);
        Assert.Equal(code, outcome.Error);
        Assert.Null(outcome.Verdicts);
    }

    public static TheoryData<string, string> BadVerdicts => new()
    {
        { Verdict(violated: "\"yes\""), JudgeErrors.WrongShape },
        { Verdict(severity: "\"critical\""), JudgeErrors.WrongShape },
        { Verdict(severity: "3"), JudgeErrors.WrongShape },
        { Verdict(extra: ", \"confidence\": 0.9"), JudgeErrors.WrongShape },
        { Verdict(spans: "null"), JudgeErrors.WrongShape },
        { Verdict(spans: $$"""[{"target": "{{Answer}}", "start": 0}]"""), JudgeErrors.WrongShape },
        { Verdict(spans: $$"""[{"target": "{{Answer}}", "start": 0.5, "end": 3}]"""), JudgeErrors.WrongShape },
        { Verdict("be-nice"), JudgeErrors.UnknownPrinciple },
        { Verdict(spans: $$"""[{"target": "{{Answer}}", "start": 0, "end": 41}]"""), JudgeErrors.SpanOutOfRange },
        { Verdict(spans: $$"""[{"target": "{{Answer}}", "start": -1, "end": 3}]"""), JudgeErrors.SpanOutOfRange },
        { Verdict(spans: $$"""[{"target": "{{Answer}}", "start": 5, "end": 5}]"""), JudgeErrors.SpanOutOfRange },
        { Verdict(spans: """[{"target": "request.messages[7]", "start": 0, "end": 3}]"""), JudgeErrors.SpanOutOfRange },
    };

    [Theory]
    [MemberData(nameof(BadVerdicts))]
    public void Parse_BadVerdict_ErrorNotLabel(string verdict, string code)
    {
        var outcome = JudgeOutputParser.Parse($$"""{"verdicts": [{{Verdict("no-threats", "false", "\"low\"", "[]")}}, {{verdict}}]}""", Constitution, Lengths);

        Assert.Equal(code, outcome.Error);
        Assert.Null(outcome.Verdicts);
    }

    [Fact]
    public void Parse_SamePrincipleTwice_WrongShape()
    {
        var outcome = JudgeOutputParser.Parse($$"""{"verdicts": [{{Verdict()}}, {{Verdict()}}]}""", Constitution, Lengths);

        Assert.Equal(JudgeErrors.WrongShape, outcome.Error);
    }

    [Fact]
    public void Parse_UnknownProsePrinciple_DetailDoesNotQuoteIt()
    {
        var outcome = JudgeOutputParser.Parse($$"""{"verdicts": [{{Verdict("the user said my password is hunter2")}}]}""", Constitution, Lengths);

        Assert.Equal(JudgeErrors.UnknownPrinciple, outcome.Error);
        Assert.DoesNotContain("hunter2", outcome.Detail);
    }

    [Fact]
    public void Parse_LongRationale_CutNotRefused()
    {
        var verdict = Verdict().Replace("Calls the user an idiot.", new string('x', 5000));

        var outcome = JudgeOutputParser.Parse($$"""{"verdicts": [{{verdict}}]}""", Constitution, Lengths);

        Assert.Equal(JudgeOutputParser.MaxRationale, outcome.Verdicts![0].Rationale.Length);
    }
}
