using System.Text.Json.Nodes;
using Guardrail.Grounding;

namespace Guardrail.Protocol.Generic;

/// <summary>A read generic request: its sources are the <c>guardrail.sources</c> extension, tagged text and the strings at the API's Sources paths.</summary>
internal sealed class GenericRequest(IProtocolAdapter adapter, JsonObject root, TargetList targets, bool stream, IReadOnlyList<(string Text, string Origin)> sources)
    : AdapterRequest(adapter, root, targets, stream)
{
    /// <summary>The source texts, in configuration and document order.</summary>
    public IReadOnlyList<(string Text, string Origin)> Sources { get; } = sources;

    /// <inheritdoc/>
    public override SourceSet? ExtractSources(SourceOptions options) =>
        SourceExtractor.ExtractWith(Root, options, collector =>
        {
            // Numbered from 1 in order, as an answer citing them ([1]) counts them.
            for (var i = 0; i < Sources.Count; i++) collector.Add(null, null, null, Sources[i].Text, Sources[i].Origin, i + 1);
        });
}
