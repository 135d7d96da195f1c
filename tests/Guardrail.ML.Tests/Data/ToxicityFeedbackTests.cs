using Guardrail.Feedback;
using Guardrail.ML.Data;

namespace Guardrail.ML.Tests.Data;

public class ToxicityFeedbackTests
{
    private static FeedbackExample Example(string text, params (string Category, bool Value)[] labels) =>
        new(text, labels.ToDictionary(l => l.Category, l => l.Value), FeedbackExample.Judge, "v", "response.choices[0].message");

    [Fact]
    public void WithFeedback_Examples_TrainRowsByLanguageWithTheirLabels()
    {
        var data = new ToxicityData([], []).WithFeedback([
            Example("This printer setup is idiot-proof.", ("insult", false), ("toxicity", false)),
            Example("你就是个废物。", ("insult", true)),
        ]);

        var en = Assert.Single(data.English);
        Assert.Equal((ToxicityData.FeedbackSource, Split.Train, false, false), (en.Source, en.Split, en.Insult, en.Toxic));
        Assert.Null(en.Hate);
        Assert.Null(en.Threat);
        var zh = Assert.Single(data.Chinese);
        Assert.True(zh.Insult);
        Assert.Null(zh.Toxic);
    }

    [Fact]
    public void WithFeedback_Nothing_SameRows()
    {
        var original = new ToxicityData([new LabeledText("x", "davidson", Split.Dev, 2, false, false)], []);

        Assert.Equal(original.English, original.WithFeedback([]).English);
    }
}
