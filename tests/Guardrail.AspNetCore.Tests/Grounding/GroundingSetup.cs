using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Guardrail.AspNetCore.Tests.Grounding;

/// <summary>A proxy with <see cref="GroundingFakeDetector"/> and a rule on it, and requests that carry sources.</summary>
internal static class GroundingSetup
{
    /// <summary>The test rule's id; the <c>grounding.</c> prefix is what the claims metric counts.</summary>
    public const string RuleId = "grounding.unsupported-fake";

    /// <summary>The one source the tests supply.</summary>
    public const string Source = "The Eiffel Tower is in Paris. It opened in 1889 and is 330 metres tall.";

    /// <summary>Every word of this answer is in <see cref="Source"/>.</summary>
    public const string Supported = "The Eiffel Tower is in Paris.";

    /// <summary>The failing sentence: 1912 is in no source.</summary>
    public const string Unsupported = "It opened in 1912.";

    /// <summary>An answer whose second sentence fails and whose third would pass.</summary>
    public const string MixedAnswer = Supported + " " + Unsupported + " It is 330 metres tall.";

    /// <summary>What a cut stream appends (the test policy's default block message), after a line break when text was released.</summary>
    public const string CutSuffix = "\nThe answer was withheld by policy.";

    /// <summary>Starts the proxy with the fake detector and the test rule taking <paramref name="action"/>.</summary>
    public static Task<ProxyFixture> StartAsync(string streaming = "hold-back", string action = "flag", IReadOnlyDictionary<string, string>? extraRules = null, string extraPolicyYaml = "")
    {
        var rules = new Dictionary<string, string>(extraRules ?? new Dictionary<string, string>())
        {
            // Embedded cases carry no sources, so `rules test` would see no match here: the proxy never runs them.
            ["grounding/unsupported-fake.yaml"] = $$"""
                id: {{RuleId}}
                description: Test rule on the fake grounding detector.
                direction: response
                when: { detector: {{GroundingFakeDetector.DetectorName}}, kind: unsupported, above: 0.5 }
                action: {{action}}
                tests:
                  - { text: "It opened in 1912.", expect: match }
                  - { text: "Nothing.", expect: no-match }
                """,
        };
        return ProxyFixture.StartAsync(streaming, extraPolicyYaml, extraRules: rules, services: s => s.AddGuardrailDetector<GroundingFakeDetector>());
    }

    /// <summary>The <c>guardrail</c> extension field with one source per text.</summary>
    public static JsonObject Extension(params string[] sources) => new()
    {
        ["sources"] = new JsonArray(sources.Select((t, i) => (JsonNode)new JsonObject
        {
            ["id"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["title"] = $"Source {i + 1}",
            ["text"] = t,
        }).ToArray()),
    };

    /// <summary>A chat request with a user message, a few ordinary fields, and (unless null) the extension field.</summary>
    public static JsonObject Request(string userText, JsonObject? extension, bool stream = false)
    {
        var request = new JsonObject
        {
            ["model"] = "fake-model",
            ["stream"] = stream,
            ["temperature"] = 0.25,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = userText }),
            ["metadata"] = new JsonObject { ["team"] = "search", ["nested"] = new JsonObject { ["guardrail"] = "kept" } },
        };
        if (extension is not null) request["guardrail"] = extension;
        request["user"] = "u-42";
        return request;
    }
}
