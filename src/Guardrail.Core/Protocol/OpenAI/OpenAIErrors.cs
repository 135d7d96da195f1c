using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Builds OpenAI-style error envelopes that the official SDKs parse into their exception types.</summary>
public static class OpenAIErrors
{
    /// <summary>The HTTP 400 body of a blocked prompt: code <c>content_filter</c>, as Azure OpenAI sends, with the verdict.</summary>
    public static JsonObject ContentFilter(Verdict verdict, string message) =>
        Create(message, "invalid_request_error", "content_filter", verdict, "messages");

    /// <summary>An error envelope with the given message, type and code, and the verdict when there is one.</summary>
    public static JsonObject Create(string message, string type, string code, Verdict? verdict) =>
        Create(message, type, code, verdict, null);

    /// <summary>An error envelope that also names the offending request parameter.</summary>
    public static JsonObject Create(string message, string type, string code, Verdict? verdict, string? param)
    {
        var error = new JsonObject
        {
            ["message"] = message,
            ["type"] = type,
            ["param"] = param,
            ["code"] = code,
        };
        if (verdict is not null) error["guardrail"] = VerdictJson.ToJson(verdict);
        return new JsonObject { ["error"] = error };
    }
}
