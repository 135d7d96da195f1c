using System.Text.RegularExpressions;
using Guardrail.Detection;
using Guardrail.Injection;
using Guardrail.Pii;
using YamlDotNet.RepresentationModel;

namespace Guardrail.Core.Tests.RuleFiles;

/// <summary>
/// Checks the embedded cases of rules/pii and rules/injection against the detectors directly, evaluating the
/// two condition shapes those files use. The shared rule runner (DESIGN.md §6) covers them too once the loader
/// lands; this keeps the detector branch honest on its own.
/// </summary>
public partial class DetectorRuleFilesTests
{
    private static readonly DetectorRegistry Detectors = new([new PiiDetector(), new InjectionDetector()]);

    public static TheoryData<string> Files()
    {
        var root = FindRulesFolder();
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "pii", "injection" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(root, folder), "*.yaml").Order()) data.Add(Path.GetRelativePath(root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void RuleFile_EmbeddedCases_HoldForDetectors(string relativePath)
    {
        var rule = Load(Path.Combine(FindRulesFolder(), relativePath));
        Assert.Matches(IdPattern(), Scalar(rule, "id"));
        Assert.Contains(Scalar(rule, "direction"), new[] { "request", "response", "both" });
        var action = Scalar(rule, "action");
        if (action == "redact") Assert.Matches(@"^\[[A-Z_]+\]$", Scalar(rule, "mask"));
        if (action == "block") Assert.Equal("The prompt was blocked by policy.", Scalar(rule, "message"));

        var when = (YamlMappingNode)rule.Children[new YamlScalarNode("when")];
        var cases = ((YamlSequenceNode)rule.Children[new YamlScalarNode("tests")]).Cast<YamlMappingNode>().ToList();
        Assert.Contains(cases, c => Scalar(c, "expect") == "match");
        Assert.Contains(cases, c => Scalar(c, "expect") == "no-match");
        foreach (var c in cases)
        {
            var text = Scalar(c, "text");
            var direction = Scalar(rule, "direction") == "request" ? Direction.Request : Direction.Response;
            var matched = Evaluate(when, new TextTarget("test", direction, "user", text));
            Assert.True(matched == (Scalar(c, "expect") == "match"), $"{relativePath}: expected {Scalar(c, "expect")} for \"{text}\"");
        }
    }

    private static bool Evaluate(YamlMappingNode when, TextTarget target)
    {
        var above = when.Children.TryGetValue(new YamlScalarNode("above"), out var a) ? double.Parse(((YamlScalarNode)a).Value!, System.Globalization.CultureInfo.InvariantCulture) : 0.5;
        string detector;
        YamlNode kinds;
        if (when.Children.TryGetValue(new YamlScalarNode("pii"), out var pii))
        {
            (detector, kinds) = ("pii", pii);
        }
        else
        {
            detector = Scalar(when, "detector");
            kinds = when.Children[new YamlScalarNode("kind")];
        }
        var wanted = kinds is YamlSequenceNode seq ? seq.Select(k => ((YamlScalarNode)k).Value!).ToHashSet() : [((YamlScalarNode)kinds).Value!];
        Assert.True(Detectors.TryGet(detector, out var d), $"unknown detector {detector}");
        return d.Detect(target).Any(s => wanted.Contains(s.Kind) && s.Score >= above);
    }

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = File.OpenText(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlMappingNode node, string key) =>
        ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static string FindRulesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Guardrail.sln"))) return Path.Combine(dir.FullName, "rules");
        }
        throw new DirectoryNotFoundException("rules/ not found above the test output folder.");
    }

    [GeneratedRegex(@"^[a-z0-9-]+(\.[a-z0-9-]+)+$")]
    private static partial Regex IdPattern();
}
