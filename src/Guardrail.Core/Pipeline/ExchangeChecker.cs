using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Grounding;
using Guardrail.Protocol.OpenAI;
using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.Pipeline;

/// <summary>
/// Judges recorded exchanges offline exactly as the proxy judges live ones (used by <c>guardrail check</c>
/// and replay): a prompt that blocks stops there, as the upstream would never have been called.
/// </summary>
public sealed class ExchangeChecker(RuleEngine engine, TimeProvider time)
{
    /// <summary>Target path of a bare text, checked as an assistant answer.</summary>
    public const string TextTarget = "text";

    /// <summary>Checks a bare text as an answer.</summary>
    public Verdict CheckText(string text)
    {
        var guard = new ExchangeGuard(engine, time);
        guard.Evaluate([new TextTarget(TextTarget, Direction.Response, "assistant", text)]);
        return guard.Verdict();
    }

    /// <summary>
    /// Checks a chat request and, unless the prompt is blocked, its completion; the sources the request supplies
    /// (under the policy's <c>grounding:</c> settings) are attached to the answer targets for the grounding check.
    /// </summary>
    public Verdict CheckExchange(JsonNode? request, JsonNode? response)
    {
        var guard = new ExchangeGuard(engine, time);
        SourceSet? sources = null;
        if (request is not null)
        {
            if (ChatRequestReader.TryRead(Utf8(request), out var info, out var error))
            {
                guard.Evaluate(info!.Targets);
                sources = guard.Measure(() => SourceExtractor.Extract(info.Root, engine.Policy.Grounding));
            }
            else
            {
                guard.Builder.AddUnchecked($"request-parse: {error}");
            }
        }
        if (guard.Builder.Decision == Decision.Block) return guard.Verdict();
        if (response is not null)
        {
            if (ChatCompletionReader.TryRead(Utf8(response), out var info, out var error))
            {
                guard.Evaluate(sources is null ? info!.Targets : info!.Targets.Select(t => t with { Sources = sources }));
            }
            else
            {
                guard.Builder.AddUnchecked($"response-parse: {error}");
            }
        }
        else
        {
            guard.Builder.AddUnchecked("no-response");
        }
        return guard.Verdict();
    }

    /// <summary>An unchecked verdict for input that could not be read at all.</summary>
    public Verdict Unreadable(string reason)
    {
        var guard = new ExchangeGuard(engine, time);
        guard.Builder.AddUnchecked(reason);
        return guard.Verdict();
    }

    private static ReadOnlyMemory<byte> Utf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
