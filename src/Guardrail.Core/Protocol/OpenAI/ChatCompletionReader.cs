using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Guardrail.Detection;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Reads an OpenAI <c>chat.completion</c> (or legacy <c>text_completion</c>) body into inspectable targets, every channel included.</summary>
public static class ChatCompletionReader
{
    /// <summary>Parses <paramref name="utf8Json"/>; returns false with a short reason for anything not shaped like a chat completion.</summary>
    public static bool TryRead(
        ReadOnlyMemory<byte> utf8Json,
        [NotNullWhen(true)] out ChatCompletionInfo? info,
        [NotNullWhen(false)] out string? error)
    {
        info = null;
        if (!JsonBody.TryParseObject(utf8Json.Span, "response", out var root, out error)) return false;
        return TryRead(root, out info, out error);
    }

    /// <summary>Reads an already parsed body.</summary>
    public static bool TryRead(JsonObject root, [NotNullWhen(true)] out ChatCompletionInfo? info, [NotNullWhen(false)] out string? error)
    {
        info = null;
        // Some compatible servers omit "object"; a different value (an error, a list) is not ours to rewrite.
        if (root["object"] is not null && JsonBody.String(root["object"]) is not ("chat.completion" or "text_completion"))
        {
            error = "response is not a chat.completion object";
            return false;
        }
        if (root["choices"] is not JsonArray choices)
        {
            error = "response has no choices array";
            return false;
        }

        var targets = new TargetList();
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i] is not JsonObject choice) continue;
            var index = ChoiceIndex(choice, i);
            if (JsonBody.String(choice["text"]) is { } legacy)
            {
                targets.Add(new TextTarget($"response.choices[{index}].text", Direction.Response, "assistant", legacy), choice, "text");
            }
            if (choice["message"] is not JsonObject message) continue;
            ReadMessage(message, index, targets);
        }
        info = new ChatCompletionInfo(root, targets.Targets) { TargetList = targets };
        error = null;
        return true;
    }

    private static void ReadMessage(JsonObject message, int index, TargetList targets)
    {
        var path = TargetPath(index);
        if (ContentParts.TryGetText(message["content"], out var text))
        {
            var target = new TextTarget(path, Direction.Response, "assistant", text) { Annotations = AnnotationReader.Read(message) };
            // Spans index the concatenated text, so multi-part content is written back as one string.
            targets.Add(target, masked => message["content"] = masked);
        }
        foreach (var (field, channel) in ExtraChannels)
        {
            if (JsonBody.String(message[field]) is not { } extra) continue;
            targets.Add(new TextTarget($"{path}.{field}", Direction.Response, "assistant", extra) { Channel = channel }, message, field);
        }
        if (message["audio"] is JsonObject audio && JsonBody.String(audio["transcript"]) is { } transcript)
        {
            targets.Add(new TextTarget($"{path}.audio.transcript", Direction.Response, "assistant", transcript), audio, "transcript");
        }
        ToolCalls.Read(message, path, Direction.Response, "assistant", targets);
    }

    /// <summary>Message fields other than content that carry text: refusals and the reasoning some servers expose.</summary>
    internal static readonly (string Field, TextChannel Channel)[] ExtraChannels =
    [
        ("refusal", TextChannel.Refusal),
        ("reasoning_content", TextChannel.Reasoning),
        ("reasoning", TextChannel.Reasoning),
    ];

    /// <summary>The target path findings on a choice name, e.g. <c>response.choices[0].message</c>.</summary>
    public static string TargetPath(int choiceIndex) => $"response.choices[{choiceIndex}].message";

    /// <summary>The prefix of every target of a choice, e.g. <c>response.choices[0]</c>.</summary>
    public static string ChoicePath(int choiceIndex) => $"response.choices[{choiceIndex}]";

    /// <summary>The choice's own <c>index</c> field, or its position when the field is missing.</summary>
    internal static int ChoiceIndex(JsonObject choice, int position) => JsonBody.Int(choice["index"]) ?? position;
}
