using System.Text.Json.Nodes;
using Guardrail.Detection;

namespace Guardrail.Protocol;

/// <summary>
/// The text targets an adapter read from one body, each with the way to write a changed text back into the parsed
/// JSON, so redaction works the same for every API and every channel (a message, a content part, tool-call arguments).
/// </summary>
public sealed class TargetList
{
    private readonly List<TextTarget> _targets = [];
    private readonly Dictionary<string, Action<string>> _writers = new(StringComparer.Ordinal);

    /// <summary>The targets in reading order.</summary>
    public IReadOnlyList<TextTarget> Targets => _targets;

    /// <summary>Adds a target whose text is the string at <paramref name="key"/> of <paramref name="owner"/>.</summary>
    public void Add(TextTarget target, JsonObject owner, string key)
    {
        _targets.Add(target);
        _writers[target.Path] = text => owner[key] = text;
    }

    /// <summary>Adds a target with its own writer (e.g. text spread over several parts); null when it cannot be rewritten.</summary>
    public void Add(TextTarget target, Action<string>? writer)
    {
        _targets.Add(target);
        if (writer is not null) _writers[target.Path] = writer;
    }

    /// <summary>Writes <paramref name="text"/> into the target at <paramref name="path"/>; false when there is none or it cannot be rewritten.</summary>
    public bool TryWrite(string path, string text)
    {
        if (!_writers.TryGetValue(path, out var write)) return false;
        write(text);
        return true;
    }

    /// <summary>The target at <paramref name="path"/>, if any.</summary>
    public TextTarget? Find(string path) => _targets.FirstOrDefault(t => t.Path == path);
}
