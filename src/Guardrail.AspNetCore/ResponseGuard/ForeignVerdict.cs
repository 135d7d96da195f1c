using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guardrail.AspNetCore.ResponseGuard;

/// <summary>Removes a <c>guardrail</c> field an upstream wrote into a body the guard releases without rewriting: only the guard speaks for the guard.</summary>
internal static class ForeignVerdict
{
    /// <summary>The body without top-level <c>guardrail</c> or <c>error.guardrail</c>; unchanged when it has neither or is not JSON.</summary>
    public static ReadOnlyMemory<byte> Strip(ReadOnlyMemory<byte> body)
    {
        // A name written with escapes (guard\u0072ail) is the same name once parsed.
        if (body.Span.IndexOf("guardrail"u8) < 0 && body.Span.IndexOf("\\u"u8) < 0) return body;
        try
        {
            if (JsonNode.Parse(body.Span) is not JsonObject root) return body;
            var removed = root.Remove("guardrail");
            if (root["error"] is JsonObject error) removed |= error.Remove("guardrail");
            return removed ? Guardrail.Verdicts.WireJson.SerializeToUtf8(root) : body;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return body;
        }
    }
}
