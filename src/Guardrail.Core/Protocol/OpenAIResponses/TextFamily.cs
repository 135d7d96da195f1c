using System.Text;
using System.Text.Json.Nodes;

namespace Guardrail.Protocol.OpenAIResponses;

/// <summary>
/// One kind of streamed text: the prefix of its <c>.delta</c> and <c>.done</c> events, its channel, where it lives in
/// its output item, and the field in which the done event repeats the whole text.
/// </summary>
/// <param name="Prefix">E.g. <c>response.output_text</c>.</param>
/// <param name="Kind">The channel kind of its text.</param>
/// <param name="Field">The item field that holds it (<c>content</c>, <c>summary</c>, <c>arguments</c>…).</param>
/// <param name="IndexField">The event field that indexes the part within that field, or null for a plain string.</param>
/// <param name="DoneField">The done event's field with the whole text.</param>
internal sealed record TextFamily(string Prefix, TextChannel Kind, string Field, string? IndexField, string DoneField)
{
    /// <summary>Every text family the codec reads; other text-carrying events (code, MCP arguments, audio) are unknown.</summary>
    public static readonly TextFamily[] All =
    [
        new("response.output_text", TextChannel.Message, "content", "content_index", "text"),
        new("response.refusal", TextChannel.Refusal, "content", "content_index", "refusal"),
        new("response.reasoning_summary_text", TextChannel.Reasoning, "summary", "summary_index", "text"),
        new("response.reasoning_text", TextChannel.Reasoning, "content", "content_index", "text"),
        new("response.function_call_arguments", TextChannel.ToolArguments, "arguments", null, "arguments"),
        new("response.custom_tool_call_input", TextChannel.ToolArguments, "input", null, "input"),
    ];

    private static readonly Dictionary<string, TextFamily> ByPrefix = All.ToDictionary(f => f.Prefix, StringComparer.Ordinal);

    /// <summary>The family of a <c>….delta</c> or <c>….done</c> event type; <paramref name="done"/> tells which.</summary>
    public static TextFamily? Of(string type, out bool done)
    {
        done = type.EndsWith(".done", StringComparison.Ordinal);
        if (!done && !type.EndsWith(".delta", StringComparison.Ordinal)) return null;
        return ByPrefix.GetValueOrDefault(type[..type.LastIndexOf('.')]);
    }

    /// <summary>The target path of this text in output item <paramref name="output"/>, as a buffered answer names it.</summary>
    public string PathOf(int output, int index) => ResponsesAnswer.ItemPath(output) + "." + Field + (IndexField is null ? "" : $"[{index}]");
}

/// <summary>One streamed text channel and what of it the client has been sent.</summary>
internal sealed class ChannelState(StreamChannel channel, TextFamily family, string? itemId, int output, int index)
{
    public StreamChannel Channel { get; } = channel;
    public TextFamily Family { get; } = family;
    public string? ItemId { get; } = itemId;
    public int Output { get; } = output;
    public int Index { get; } = index;
    /// <summary>The text released to the client, masks applied: what its done event and the final snapshot repeat.</summary>
    public StringBuilder Released { get; } = new();
    /// <summary>True once its done event was written.</summary>
    public bool Done { get; set; }
}

/// <summary>A content or summary part the client was told of (its <c>.added</c> event was written) and not yet closed.</summary>
/// <param name="Path">The part's target path.</param>
/// <param name="EventPrefix"><c>response.content_part</c> or <c>response.reasoning_summary_part</c>.</param>
/// <param name="IndexField">The event field that indexes it.</param>
/// <param name="ItemId">Its item's id.</param>
/// <param name="Output">Its item's output index.</param>
/// <param name="Index">Its index within the item.</param>
/// <param name="Part">The part as the client was last sent it.</param>
internal sealed record OpenPart(string Path, string EventPrefix, string IndexField, string? ItemId, int Output, int Index, JsonObject Part);
