using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.Anthropic;

/// <summary>Builds Anthropic error envelopes, which the official SDKs parse into their exception types.</summary>
public static class AnthropicErrors
{
    /// <summary><c>{"type":"error","error":{"type":…,"message":…,"guardrail":…}}</c>; the status is set by the proxy.</summary>
    public static JsonObject Create(string type, string message, Verdict? verdict)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (verdict is not null) error["guardrail"] = VerdictJson.ToJson(verdict);
        return new JsonObject { ["type"] = "error", ["error"] = error };
    }
}
