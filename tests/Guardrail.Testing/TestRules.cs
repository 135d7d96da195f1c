namespace Guardrail.Testing;

/// <summary>Rule folders for tests: the shipped rules plus a blocking test rule and a test policy.</summary>
public static class TestRules
{
    /// <summary>A word that makes the test rule block an answer.</summary>
    public const string ForbiddenWord = "kaboom";

    /// <summary>The shipped rules plus <c>test.forbidden-word</c> and a policy <c>test</c> with the given settings.</summary>
    public static string Create(string streaming = "hold-back", string extraPolicyYaml = "", string failMode = "open", IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        var rule = $$"""
            id: test.forbidden-word
            description: Blocks answers that say the forbidden test word.
            direction: response
            when: { keywords: [{{ForbiddenWord}}] }
            action: block
            tests:
              - { text: "Then the {{ForbiddenWord}} came.", expect: match }
              - { text: "Nothing to see here.", expect: no-match }
            """;
        var policy = $"""
            name: test
            description: Every rule, for tests.
            streaming: {streaming}
            failMode: {failMode}
            {extraPolicyYaml}
            """;
        var files = new Dictionary<string, string>
        {
            ["test/forbidden-word.yaml"] = rule,
            ["policies/test.yaml"] = policy,
        };
        foreach (var (path, yaml) in extraFiles ?? new Dictionary<string, string>()) files[path] = yaml;
        return RepoPaths.RulesCopy(files);
    }
}
