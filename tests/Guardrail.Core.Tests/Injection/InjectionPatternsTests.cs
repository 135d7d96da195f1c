using System.Text.RegularExpressions;
using Guardrail.Injection;
using Guardrail.Text;

namespace Guardrail.Core.Tests.Injection;

public class InjectionPatternsTests
{
    [Fact]
    public void All_EveryPattern_HasKnownFamilyUniqueIdAndWeight()
    {
        Assert.All(InjectionPatterns.All, p =>
        {
            Assert.Contains(p.Family, InjectionKinds.Families);
            Assert.InRange(p.Weight, 0.01, 1.0);
            Assert.False(string.IsNullOrWhiteSpace(p.Explanation));
        });
        Assert.Equal(InjectionPatterns.All.Count, InjectionPatterns.All.Select(p => p.Id).Distinct().Count());
    }

    // The .NET 10 regex source generator threw IndexOutOfRangeException on a lazy loop in one pattern; every
    // pattern must agree with the interpreter on the sample prompts.
    [Fact]
    public void All_GeneratedRegex_AgreesWithInterpreter()
    {
        var texts = InjectionSamples.AttackTexts.Concat(InjectionSamples.BenignTexts)
            .Append("I want you to act as a debater. I will provide you with some topics related to current events.")
            .Append("Pretend to be a pirate, answer like a pirate without any filler words, and respond with no limits on length.")
            .Select(t => NormalizedText.Create(t).Folded)
            .ToList();
        foreach (var p in InjectionPatterns.All)
        {
            var interpreted = new Regex(p.Regex.ToString(), p.Regex.Options);
            foreach (var t in texts)
            {
                var expected = interpreted.Matches(t).Select(m => (m.Index, m.Length));
                Assert.Equal(expected, p.Regex.Matches(t).Select(m => (m.Index, m.Length)));
            }
        }
    }
}
