using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Parses request and response bodies into mutable JSON without throwing for bad input.</summary>
internal static class JsonBody
{
    // Duplicate keys would otherwise surface lazily, as exceptions deep inside later reads.
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false, MaxDepth = 128 };

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Parses a UTF-8 JSON object; <paramref name="what"/> names the body in the error ("request", "response").</summary>
    public static bool TryParseObject(ReadOnlySpan<byte> utf8Json, string what, out JsonObject root, [NotNullWhen(false)] out string? error)
    {
        root = null!;
        // The JSON reader does not validate string contents, so invalid UTF-8 would slip through to later reads.
        if (!Utf8.IsValid(utf8Json))
        {
            error = $"{what} body is not valid UTF-8";
            return false;
        }
        if (utf8Json.StartsWith(Bom)) utf8Json = utf8Json[3..];
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8Json, documentOptions: Options);
        }
        catch (JsonException)
        {
            error = $"{what} body is not valid JSON";
            return false;
        }
        if (node is not JsonObject obj)
        {
            error = $"{what} body is not a JSON object";
            return false;
        }
        root = obj;
        error = null;
        return true;
    }

    /// <summary>
    /// True for the exceptions a parsed tree throws lazily on hostile input: a string holding an escaped lone surrogate
    /// cannot be decoded, and duplicate or odd nodes surface as invalid operations.
    /// </summary>
    public static bool IsUnreadable(Exception e) => e is InvalidOperationException or JsonException or ArgumentException or FormatException;

    /// <summary>The string value of a node, or null when it is absent or not a string.</summary>
    public static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>The integer value of a node, or null when it is absent or not an integer.</summary>
    public static int? Int(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i) ? i : null;

    /// <summary>True only for a JSON <c>true</c>.</summary>
    public static bool IsTrue(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;
}
