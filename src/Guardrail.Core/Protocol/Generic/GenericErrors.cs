using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.Generic;

/// <summary>The error body a generic API's client gets when the guard answers instead of the upstream.</summary>
public static class GenericErrors
{
    /// <summary><c>{"error":{"message":…,"type":…},"guardrail":verdict}</c>; the status is set by the proxy.</summary>
    public static JsonObject Create(Verdict verdict, string message, RefusalKind kind) => new()
    {
        ["error"] = new JsonObject { ["message"] = message, ["type"] = TypeOf(kind) },
        ["guardrail"] = VerdictJson.ToJson(verdict),
    };

    /// <summary>The error type of a refusal kind.</summary>
    public static string TypeOf(RefusalKind kind) => kind switch
    {
        RefusalKind.Blocked => "guardrail_blocked",
        RefusalKind.TooLarge => "request_too_large",
        RefusalKind.Unreadable => "guardrail_unreadable",
        _ => "guardrail_withheld",
    };
}
