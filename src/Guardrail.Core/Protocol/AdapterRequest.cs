using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Grounding;
using Guardrail.Verdicts;

namespace Guardrail.Protocol;

/// <summary>A request an adapter read: the parsed body, its text targets and what the answer side needs to know.</summary>
public class AdapterRequest
{
    /// <summary>Creates a read request over <paramref name="root"/>.</summary>
    public AdapterRequest(IProtocolAdapter adapter, JsonObject root, TargetList targets, bool stream)
    {
        Adapter = adapter;
        Root = root;
        TargetList = targets;
        Stream = stream;
    }

    /// <summary>The adapter that read it.</summary>
    public IProtocolAdapter Adapter { get; }

    /// <summary>The whole body, unknown fields preserved.</summary>
    public JsonObject Root { get; }

    /// <summary>The prompt's targets and their writers.</summary>
    public TargetList TargetList { get; }

    /// <summary>The prompt's text targets.</summary>
    public IReadOnlyList<TextTarget> Targets => TargetList.Targets;

    /// <summary>True when the client asked for server-sent events.</summary>
    public bool Stream { get; }

    /// <summary>True when the client asked for structured (JSON) output, so a withheld answer must keep a shape its parser accepts.</summary>
    public bool StructuredOutput { get; init; }

    /// <summary>How many answers the client asked for (OpenAI <c>n</c>); 1 elsewhere.</summary>
    public int Choices { get; init; } = 1;

    /// <summary>Reasons parts of the request are not readable as text (e.g. images), recorded as unchecked.</summary>
    public IReadOnlyList<string> Unreadable { get; init; } = [];

    /// <summary>The sources the request supplies for grounding; adapters with their own source blocks override it.</summary>
    public virtual SourceSet? ExtractSources(SourceOptions options) => SourceExtractor.Extract(Root, options);

    /// <summary>Removes the guard's own <c>guardrail</c> extension field; true when there was one.</summary>
    public bool StripExtension() => SourceExtractor.StripExtension(Root);

    /// <summary>Masks every redact finding's span in its target; true when the body changed.</summary>
    public bool ApplyRedactions(IReadOnlyList<Finding> findings) => Redactions.Apply(TargetList, findings);

    /// <summary>The body to forward after the tree was changed.</summary>
    public ReadOnlyMemory<byte> Serialize() => Verdicts.WireJson.SerializeToUtf8(Root);
}
