using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guardrail.Verdicts;

/// <summary>
/// The one set of JSON options for what the guard writes: verdicts, refusal bodies, rewritten requests and answers,
/// stream events, the admin API, the audit store and the command line. Non-ASCII text (Chinese, accented letters)
/// and characters such as <c>'</c>, <c>&lt;</c>, <c>+</c> are written as they are, not as <c>\uXXXX</c>: people read
/// this JSON and it is never embedded in HTML unquoted (the admin UI sets it as text). Quotes, backslashes and control
/// characters are still escaped, so the output is valid JSON. The encoder also keeps escaping what a reader could not
/// see or tell apart (no-break and other non-ASCII spaces) and characters outside the Basic Multilingual Plane (emoji,
/// tag characters), as System.Text.Json's encoders always do.
/// </summary>
public static class WireJson
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Serializer options (read-only; copy them with <c>new JsonSerializerOptions(WireJson.Options)</c> to change more).</summary>
    public static JsonSerializerOptions Options { get; } = ReadOnly(new JsonSerializerOptions(JsonSerializerOptions.Default) { Encoder = Encoder });

    /// <summary>Writer options for <see cref="Utf8JsonWriter"/>.</summary>
    public static JsonWriterOptions Writer { get; } = new() { Encoder = Encoder };

    /// <summary><paramref name="node"/> as compact JSON text.</summary>
    public static string Serialize(JsonNode node) => node.ToJsonString(Options);

    /// <summary><paramref name="node"/> as compact UTF-8 JSON.</summary>
    public static byte[] SerializeToUtf8(JsonNode node) => System.Text.Encoding.UTF8.GetBytes(node.ToJsonString(Options));

    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly();
        return options;
    }
}
