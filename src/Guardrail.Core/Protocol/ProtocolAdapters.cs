using Guardrail.Protocol.Anthropic;
using Guardrail.Protocol.OpenAI;
using Guardrail.Protocol.OpenAIResponses;

namespace Guardrail.Protocol;

/// <summary>The adapters a guard knows, in the order they are tried: the first that recognises a request reads it.</summary>
public sealed class ProtocolAdapters
{
    private readonly IProtocolAdapter[] _adapters;

    /// <summary>Creates the list; earlier adapters win.</summary>
    public ProtocolAdapters(IEnumerable<IProtocolAdapter> adapters) => _adapters = adapters.ToArray();

    /// <summary>The built-in adapters for the APIs Guardrail supports out of the box.</summary>
    public static ProtocolAdapters Default { get; } = new(BuiltIn());

    /// <summary>New instances of the built-in adapters, most specific paths first.</summary>
    public static IProtocolAdapter[] BuiltIn() => [new ChatCompletionsAdapter(), new AnthropicMessagesAdapter(), new ResponsesAdapter()];

    /// <summary>Every adapter, in order.</summary>
    public IReadOnlyList<IProtocolAdapter> All => _adapters;

    /// <summary>The adapter for a request with this method and raw path, or null when none handles it.</summary>
    public IProtocolAdapter? Find(string method, string? path)
    {
        var normalized = RequestPath.Normalize(path);
        foreach (var adapter in _adapters)
        {
            if (adapter.Recognizes(method, normalized)) return adapter;
        }
        return null;
    }

    /// <summary>The adapter with this name, or null.</summary>
    public IProtocolAdapter? Named(string name) => _adapters.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
}
