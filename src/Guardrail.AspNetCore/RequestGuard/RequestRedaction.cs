using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Guardrail.Protocol.OpenAI;
using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.RequestGuard;

/// <summary>Masks redacted spans in a prompt before it is forwarded, so the upstream never sees them.</summary>
internal static partial class RequestRedaction
{
    /// <summary>Masks the redacted spans in <paramref name="info"/>'s parsed body; false when no finding redacts the prompt.</summary>
    /// <remarks>Only the tree changes: the caller serialises it once with any other rewrite (see <see cref="Serialize"/>).</remarks>
    public static bool Apply(ChatRequestInfo info, IReadOnlyList<Finding> findings)
    {
        var redactions = findings
            .Where(f => f.Action == Decision.Redact && f.Mask is not null && f.Span is not null)
            .GroupBy(f => f.Target)
            .ToList();
        if (redactions.Count == 0) return false;
        foreach (var group in redactions)
        {
            var target = info.Targets.FirstOrDefault(t => t.Path == group.Key);
            if (target is null) continue;
            var masked = Redactor.Apply(target.Text, group.Select(f => (f.Span!.Value, f.Mask!)));
            SetText(info.Root, group.Key, masked);
        }
        return true;
    }

    /// <summary>The body to forward after the parsed request was rewritten in place.</summary>
    public static ReadOnlyMemory<byte> Serialize(JsonObject root) => System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());

    private static void SetText(JsonObject root, string path, string text)
    {
        var m = PathPattern().Match(path);
        if (!m.Success || root["messages"] is not JsonArray messages) return;
        var i = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (i >= messages.Count || messages[i] is not JsonObject message) return;
        if (!m.Groups[2].Success)
        {
            message["content"] = text;
            return;
        }
        var j = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (message["content"] is JsonArray parts && j < parts.Count && parts[j] is JsonObject part) part["text"] = text;
    }

    [GeneratedRegex(@"^request\.messages\[(\d+)\](?:\.content\[(\d+)\])?$")]
    private static partial Regex PathPattern();
}
