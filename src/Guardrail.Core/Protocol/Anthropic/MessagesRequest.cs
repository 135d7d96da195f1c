using System.Text.Json.Nodes;
using Guardrail.Grounding;

namespace Guardrail.Protocol.Anthropic;

/// <summary>A read Messages request: its sources are the <c>guardrail.sources</c> extension, tagged text and the <c>document</c> blocks.</summary>
internal sealed class MessagesRequest(IProtocolAdapter adapter, JsonObject root, TargetList targets, bool stream, IReadOnlyList<DocumentSource> documents)
    : AdapterRequest(adapter, root, targets, stream)
{
    /// <summary>The text documents the request attached, in order.</summary>
    public IReadOnlyList<DocumentSource> Documents { get; } = documents;

    /// <inheritdoc/>
    public override SourceSet? ExtractSources(SourceOptions options) =>
        SourceExtractor.ExtractWith(Root, options, collector =>
        {
            // Documents are numbered from 1 in request order, as answers cite them ([1]); a title is kept for the verdict.
            for (var i = 0; i < Documents.Count; i++) collector.Add(null, Documents[i].Title, null, Documents[i].Text, Documents[i].Origin, i + 1);
        });
}

/// <summary>A <c>document</c> block's text, title and where it was.</summary>
internal sealed record DocumentSource(string? Title, string Text, string Origin);
