using System.Text;
using Guardrail.Detection;
using Guardrail.Injection;
using Guardrail.Text;

namespace Guardrail.Core.Tests.Injection;

// The gate skips a regex when none of its words occurs; these tests show that never changes a result.
public class InjectionGateTests
{
    private const string Prose =
        "Sourdough relies on wild yeast. The culture is fed flour and water; above all, be patient with the dough. ";

    private static readonly InjectionPattern[] Patterns = [.. InjectionPatterns.All];

    // Every sample the injection tests know, plus case, full-width, zero-width and embedded variants of each.
    private static readonly Lazy<string[]> Corpus = new(() =>
    {
        var seeds = InjectionSamples.AttackTexts.Concat(InjectionSamples.BenignTexts)
            .Concat(InjectionPositives.ById.Values.SelectMany(v => v))
            .Append(Prose)
            .Distinct()
            .ToList();
        return seeds.SelectMany(t => new[]
        {
            t, t.ToUpperInvariant(), FullWidth(t), ZeroWidth(t), Prose + t + "\n\nThanks!", t + " " + t, "Don’t panic — " + t,
        }).Distinct().ToArray();
    });

    private static string FullWidth(string text) =>
        string.Concat(text.Select(c => c is > ' ' and <= '~' ? (char)(c - '!' + '\uFF01') : c));

    private static string ZeroWidth(string text)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++) sb.Append(text[i]).Append(i % 3 == 1 ? "\u200B" : "");
        return sb.ToString();
    }

    private static string Describe(IReadOnlyList<Signal> signals) => string.Join("\n", signals.Select(s =>
        $"{s.Kind} {s.Score:R} {s.Span} {s.Explanation} {s.Evidence?.ToJsonString()}"));

    private static IEnumerable<string> Matches(InjectionPattern p, string text) =>
        p.Regex.Matches(NormalizedText.Create(text).Folded).Where(m => m.Length > 0).Select(m => m.Value);

    [Fact]
    public void Positives_CoverEveryPatternAndMatchIt()
    {
        Assert.Equal(Patterns.Select(p => p.Id).Order(), InjectionPositives.ById.Keys.Order());
        foreach (var p in Patterns)
        {
            foreach (var text in InjectionPositives.ById[p.Id]) Assert.True(Matches(p, text).Any(), $"{p.Id} does not match '{text}'");
        }
    }

    [Fact]
    public void Gate_EveryWord_OccursInAMatchOfAKnownPositive()
    {
        // A gate word that no real match contains is a typo or a wrong reading of the regex, and would leave
        // the alternative it stood for ungated.
        foreach (var p in Patterns)
        {
            var matches = InjectionPositives.ById[p.Id].SelectMany(t => Matches(p, t)).ToList();
            foreach (var word in p.Gate) Assert.True(matches.Exists(m => m.Contains(word, StringComparison.Ordinal)), $"{p.Id}: gate word '{word}' in no positive match");
        }
    }

    [Fact]
    public void Gate_EveryMatchInCorpus_ContainsAGateWord()
    {
        foreach (var p in Patterns.Where(p => p.Gate.Count > 0))
        {
            foreach (var match in Corpus.Value.SelectMany(t => Matches(p, t)))
            {
                Assert.True(p.Gate.Any(w => match.Contains(w, StringComparison.Ordinal)), $"{p.Id} matched '{match}' without a gate word");
            }
        }
    }

    [Fact]
    public void Detect_Gated_ReturnsExactlyWhatRunningEveryPatternReturns()
    {
        var options = new[] { new InjectionOptions(), new InjectionOptions { MinWeight = 0.7, Families = [InjectionKinds.RolePlayJailbreak, InjectionKinds.DelimiterInjection] } };
        foreach (var o in options)
        {
            var gated = new InjectionDetector(o, gated: true);
            var all = new InjectionDetector(o, gated: false);
            foreach (var text in Corpus.Value)
            {
                Assert.Equal(Describe(InjectionDetectorTests.Detect(text, all)), Describe(InjectionDetectorTests.Detect(text, gated)));
            }
        }
    }

    [Fact]
    public void Select_CleanEnglishProse_RunsNoChineseOrTemplatePattern()
    {
        var gate = new InjectionGate(Patterns);
        var run = new bool[Patterns.Length];
        gate.Select(NormalizedText.Create(Prose + Prose).Folded, run);
        var ran = Patterns.Where((_, i) => run[i]).Select(p => p.Id).ToList();
        Assert.DoesNotContain(ran, id => !id.StartsWith("en.", StringComparison.Ordinal));
        Assert.True(ran.Count <= 3, string.Join(", ", ran));
    }

    [Fact]
    public void Select_OverlappingWords_MarksEach()
    {
        // "instructions" holds "instruction"; "<system" starts inside "</system" only after one character.
        var p = new InjectionPattern("t.a", InjectionKinds.DelimiterInjection, 0.5, "a", new("x"), ["instructions"]);
        var q = new InjectionPattern("t.b", InjectionKinds.DelimiterInjection, 0.5, "b", new("x"), ["instruction", "xyz"]);
        var r = new InjectionPattern("t.c", InjectionKinds.DelimiterInjection, 0.5, "c", new("x"), ["ions"]);
        var s = new InjectionPattern("t.d", InjectionKinds.DelimiterInjection, 0.5, "d", new("x"), ["nope"]);
        var u = new InjectionPattern("t.e", InjectionKinds.DelimiterInjection, 0.5, "e", new("x"), []);
        var run = new bool[5];
        new InjectionGate([p, q, r, s, u]).Select("the instructions", run);
        Assert.Equal([true, true, true, false, true], run);
    }
}
