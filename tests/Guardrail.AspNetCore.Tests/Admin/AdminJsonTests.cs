using Guardrail.AspNetCore.Admin.Api;
using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.Tests.Admin;

public sealed class AdminJsonTests
{
    [Fact]
    public void ExplanationLine_ClassifierFindingStatesThreshold_NotRepeated()
    {
        var finding = Finding(0.91, 0.8, $"{ThresholdStatement.For(0.91, 0.8, Decision.Block)}. The en toxicity classifier scores this sentence 0.97.");

        Assert.Equal("block toxicity.toxic-answer (toxicity) in response.choices[0].message: Score 0.91 ≥ block threshold 0.80. The en toxicity classifier scores this sentence 0.97.",
            AdminJson.ExplanationLine(finding));
    }

    [Fact]
    public void ExplanationLine_OtherFinding_StatesScoreAndThreshold()
    {
        Assert.Equal("block toxicity.toxic-answer (toxicity) in response.choices[0].message: score 0.91 ≥ threshold 0.8. Why.",
            AdminJson.ExplanationLine(Finding(0.91, 0.8, "Why.")));
    }

    private static Finding Finding(double score, double threshold, string explanation) => new()
    {
        Rule = "toxicity.toxic-answer", Category = "toxicity", Target = "response.choices[0].message",
        Score = score, Threshold = threshold, Action = Decision.Block, Explanation = explanation,
    };
}
