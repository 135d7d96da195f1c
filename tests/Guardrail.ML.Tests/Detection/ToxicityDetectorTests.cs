using Guardrail.Detection;
using Guardrail.ML.Detection;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Tests.Detection;

public sealed class ToxicityDetectorTests
{
    private static readonly Lazy<ToxicityModels> Models = new(() => ToxicityModels.Load(ShippedModelTests.ModelsDir()));

    private static IReadOnlyList<Signal> Detect(string text, ToxicityOptions? options = null) =>
        new ToxicityDetector(Models.Value, options ?? new ToxicityOptions()).Detect(new TextTarget("t", Direction.Response, "assistant", text));

    [Fact]
    public void Detect_ToxicSentence_SignalWithSpanAndContributingNgrams()
    {
        const string text = "The weather is lovely today. You are a stupid fucking idiot.";
        var toxic = Detect(text).Where(s => s.Kind == "toxicity").MaxBy(s => s.Score)!;

        Assert.True(toxic.Score >= 0.5, $"score {toxic.Score}");
        Assert.Equal("You are a stupid fucking idiot.", text[toxic.Span!.Value.Start..toxic.Span.Value.End]);
        Assert.Equal("en", toxic.Evidence!["language"]!.GetValue<string>());
        Assert.NotEmpty(toxic.Evidence["ngrams"]!.AsArray());
    }

    [Fact]
    public void Detect_MixedLanguages_EachSentenceScoredByItsOwnModel()
    {
        const string text = "Have a nice day. 你这个傻逼，滚出去。";
        var signals = Detect(text);
        var english = signals.Where(s => s.Span!.Value.Start == 0).ToList();
        var chinese = signals.Where(s => s.Span!.Value.Start == text.IndexOf('你')).ToList();

        Assert.Equal(["hate", "insult", "profanity", "threat", "toxicity"], english.Select(s => s.Kind).Order());
        Assert.All(english, s => Assert.True(s.Score < 0.5));
        Assert.Equal(["hate", "insult", "profanity", "threat", "toxicity"], chinese.Select(s => s.Kind).Order());
        var toxic = chinese.Single(s => s.Kind == "toxicity");
        Assert.True(toxic.Score >= 0.5);
        Assert.True(chinese.Single(s => s.Kind == "insult").Score >= 0.5);
        Assert.Equal("zh", toxic.Evidence!["language"]!.GetValue<string>());
    }

    [Fact]
    public void Detect_UnsupportedLanguage_UncheckedNotSafe()
    {
        var signal = Assert.Single(Detect("Ты полный идиот и все это знают."));

        Assert.True(signal.IsUnchecked);
        Assert.Contains("cyrillic", signal.Explanation);
    }

    [Fact]
    public void Detect_PastWorkBudget_RestReportedUnchecked()
    {
        var text = string.Concat(Enumerable.Repeat("This is a perfectly fine sentence. ", 10));
        var signals = Detect(text, new ToxicityOptions { MaxCharacters = 70 });

        var rest = Assert.Single(signals, s => s.IsUnchecked);
        Assert.Equal(70, rest.Span!.Value.Start);
        Assert.Equal(text.Length, rest.Span.Value.End);
        Assert.Contains("not scored", rest.Explanation);
    }

    [Fact]
    public void Detect_BinaryLookingBlob_UncheckedNotScored()
    {
        var blob = Convert.ToBase64String(Enumerable.Range(0, 300).Select(i => (byte)(i * 37 % 251)).ToArray());
        var signals = Detect(blob);

        var signal = Assert.Single(signals);
        Assert.True(signal.IsUnchecked);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("12345 67890 !!! ??? 🙂🙂")]
    public void Detect_NothingToJudge_NoSignals(string text) => Assert.Empty(Detect(text));

    [Fact]
    public void Calibrate_OperatingPoints_MapToHalfAndEightTenthsMonotonically()
    {
        Assert.Equal(0.5, ToxicityDetector.Calibrate(0.3, 0.3, 0.6), 6);
        Assert.Equal(0.8, ToxicityDetector.Calibrate(0.6, 0.3, 0.6), 6);
        Assert.Equal(0, ToxicityDetector.Calibrate(0, 0.3, 0.6), 6);
        Assert.Equal(1, ToxicityDetector.Calibrate(1, 0.3, 0.6), 6);
        var previous = -1.0;
        for (var p = 0.0; p <= 1.0; p += 0.01)
        {
            var c = ToxicityDetector.Calibrate(p, 0.3, 0.6);
            Assert.True(c >= previous);
            previous = c;
        }
    }

    [Fact]
    public void Calibrate_NoBlockThreshold_NeverReachesBlockScore()
    {
        Assert.True(ToxicityDetector.Calibrate(0.999, 0.5, 1.0) < ToxicityDetector.BlockScore);
        Assert.True(ToxicityDetector.Calibrate(1.0, 0.5, 1.0) < ToxicityDetector.BlockScore); // saturated: still never blocks
        Assert.Equal(0.5, ToxicityDetector.Calibrate(0.5, 0.5, 1.0), 6);
    }

    [Fact]
    public void Calibrate_NoFlagThreshold_NeverReachesFlagScore()
    {
        Assert.True(ToxicityDetector.Calibrate(1.0, 1.0, 1.0) < ToxicityDetector.FlagScore);
        Assert.True(ToxicityDetector.Calibrate(0.99, 1.0, 1.0) <= ToxicityDetector.Calibrate(1.0, 1.0, 1.0));
    }
}

public class ToxicityCodeTests
{
    private static readonly Lazy<ToxicityModels> Models = new(() => ToxicityModels.Load(ShippedModelTests.ModelsDir()));

    private static IReadOnlyList<Signal> Detect(string text) =>
        new ToxicityDetector(Models.Value, new ToxicityOptions()).Detect(new TextTarget("t", Direction.Response, "assistant", text));

    // Code is read like prose (a fence is no hiding place), and its identifiers are not insults or threats: shell kills,
    // aborts, legacy master/slave replication, "execute" and "nuke" stay below every flag point.
    [Fact]
    public void Detect_CodeHeavyAnswer_NoCategoryAtFlag()
    {
        const string answer = """
            Here is the cleanup script:

            ```bash
            ps aux | grep worker
            kill -9 12345
            pkill -f "python worker.py"
            killall -HUP nginx
            ```

            ```c
            if (fd < 0) { perror("open"); abort(); }
            pthread_kill(thread, SIGTERM);
            ```

            ```python
            os.kill(pid, signal.SIGKILL)
            def execute_all(jobs): return [job.execute() for job in jobs]
            ```

            Call `abort()` from the handler when the child hangs, then nuke the cache with `rm -rf /tmp/cache`.
            In the legacy replication docs the master accepts writes and each slave replays the log.
            """;
        var flagged = Detect(answer).Where(s => !s.IsUnchecked && s.Score >= ToxicityDetector.FlagScore).ToList();
        Assert.True(flagged.Count == 0, string.Join("; ", flagged.Select(s => $"{s.Kind} {s.Score:0.00} [{answer[s.Span!.Value.Start..s.Span!.Value.End]}]")));
    }

    [Fact]
    public void Detect_ThreatInsideCodeComment_StillFlagged()
    {
        const string answer = """
            ```python
            # you are a worthless idiot and I will find you and kill you
            print("done")
            ```
            """;
        Assert.Contains(Detect(answer), s => s.Kind is "threat" or "insult" && s.Score >= ToxicityDetector.FlagScore);
    }
}
