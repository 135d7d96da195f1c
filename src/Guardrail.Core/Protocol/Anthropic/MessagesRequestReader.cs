using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Protocol.OpenAI;

namespace Guardrail.Protocol.Anthropic;

/// <summary>Reads an Anthropic Messages request into targets: system, message text, tool_use input, tool results, documents, thinking.</summary>
internal sealed class MessagesRequestReader
{
    private readonly TargetList _targets = new();
    private readonly List<string> _unreadable = [];
    private readonly List<DocumentSource> _documents = [];

    /// <summary>Reads <paramref name="root"/>; false with a short reason when it is not a Messages request.</summary>
    public static bool TryRead(IProtocolAdapter adapter, JsonObject root, [NotNullWhen(true)] out AdapterRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (root["messages"] is not JsonArray messages)
        {
            error = "request has no messages array";
            return false;
        }
        var reader = new MessagesRequestReader();
        reader.System(root);
        for (var i = 0; i < messages.Count; i++)
        {
            // Messages that are not objects are left for the upstream to reject; there is no text to inspect.
            if (messages[i] is JsonObject message) reader.Message(message, $"request.messages[{i}]");
        }
        request = new MessagesRequest(adapter, root, reader._targets, JsonBody.IsTrue(root["stream"]), reader._documents)
        {
            Unreadable = reader._unreadable,
        };
        error = null;
        return true;
    }

    private void System(JsonObject root)
    {
        var system = root["system"];
        if (JsonBody.String(system) is { } text)
        {
            _targets.Add(new TextTarget("request.system", Direction.Request, "system", text) { Channel = TextChannel.System }, root, "system");
            return;
        }
        if (system is not JsonArray blocks) return;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is JsonObject block) Block(block, $"request.system[{i}]", "system", TextChannel.System);
        }
    }

    private void Message(JsonObject message, string path)
    {
        var role = JsonBody.String(message["role"]);
        var content = message["content"];
        if (JsonBody.String(content) is { } text)
        {
            _targets.Add(new TextTarget(path, Direction.Request, role, text), message, "content");
            return;
        }
        if (content is not JsonArray blocks) return;
        for (var j = 0; j < blocks.Count; j++)
        {
            if (blocks[j] is JsonObject block) Block(block, $"{path}.content[{j}]", role, TextChannel.Message);
        }
    }

    private void Block(JsonObject block, string path, string? role, TextChannel textChannel)
    {
        if (ContentBlocks.TryAdd(block, path, Direction.Request, role, textChannel, _targets)) return;
        switch (JsonBody.String(block["type"]))
        {
            case "tool_result":
                ToolResult(block, path, role);
                return;
            case "document":
                Document(block, path, role);
                return;
            default:
                _unreadable.Add($"{path} is {ContentBlocks.TypeOf(block)}");
                return;
        }
    }

    // What a tool returned arrives here: indirect prompt injection is looked for in it like in any prompt text.
    private void ToolResult(JsonObject block, string path, string? role)
    {
        var content = block["content"];
        if (JsonBody.String(content) is { } text)
        {
            _targets.Add(new TextTarget($"{path}.content", Direction.Request, role, text) { Channel = TextChannel.ToolResult }, block, "content");
            return;
        }
        if (content is not JsonArray parts) return;
        for (var k = 0; k < parts.Count; k++)
        {
            if (parts[k] is JsonObject part) Block(part, $"{path}.content[{k}]", role, TextChannel.ToolResult);
        }
    }

    // A plain-text document (source type "text") or one made of text blocks (source type "content"); PDFs and
    // URLs are not text the checks can read.
    private void Document(JsonObject block, string path, string? role)
    {
        var title = JsonBody.String(block["title"]);
        var source = block["source"] as JsonObject;
        switch (source is null ? null : JsonBody.String(source["type"]))
        {
            case "text" when JsonBody.String(source!["data"]) is { } data:
                _targets.Add(new TextTarget(path, Direction.Request, role, data) { Channel = TextChannel.Document }, source, "data");
                _documents.Add(new DocumentSource(title, data, path));
                return;
            case "content" when JsonBody.String(source!["content"]) is { } text:
                _targets.Add(new TextTarget($"{path}.source.content", Direction.Request, role, text) { Channel = TextChannel.Document }, source, "content");
                _documents.Add(new DocumentSource(title, text, path));
                return;
            case "content" when source!["content"] is JsonArray parts:
                var texts = new List<string>();
                for (var k = 0; k < parts.Count; k++)
                {
                    if (parts[k] is not JsonObject part) continue;
                    var partPath = $"{path}.source.content[{k}]";
                    if (JsonBody.String(part["type"]) == "text" && JsonBody.String(part["text"]) is { } partText)
                    {
                        _targets.Add(new TextTarget(partPath, Direction.Request, role, partText) { Channel = TextChannel.Document }, part, "text");
                        texts.Add(partText);
                    }
                    else
                    {
                        _unreadable.Add($"{partPath} is {ContentBlocks.TypeOf(part)}");
                    }
                }
                _documents.Add(new DocumentSource(title, string.Join('\n', texts), path));
                return;
            default:
                _unreadable.Add($"{path} is a document that is not text");
                return;
        }
    }
}
