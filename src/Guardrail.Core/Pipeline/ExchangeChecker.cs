using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Protocol;
using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.Pipeline;

/// <summary>
/// Judges recorded exchanges offline exactly as the proxy judges live ones (used by <c>guardrail check</c> and
/// replay): the same adapters read them and the same <see cref="ExchangeGuard"/> evaluates them; a prompt that blocks
/// stops there, as the upstream would never have been called.
/// </summary>
public sealed class ExchangeChecker(RuleEngine engine, TimeProvider time, ProtocolAdapters? adapters = null)
{
    /// <summary>Target path of a bare text, checked as an assistant answer.</summary>
    public const string TextTarget = "text";

    private readonly ProtocolAdapters _adapters = adapters ?? ProtocolAdapters.Default;

    /// <summary>Checks a bare text as an answer.</summary>
    public Verdict CheckText(string text)
    {
        var guard = new ExchangeGuard(engine, time);
        guard.Evaluate([new TextTarget(TextTarget, Direction.Response, "assistant", text)]);
        return guard.Verdict();
    }

    /// <summary>Checks a Chat Completions request and, unless the prompt is blocked, its answer.</summary>
    public Verdict CheckExchange(JsonNode? request, JsonNode? response) => CheckExchange(request, response, null);

    /// <summary>
    /// Checks a request and, unless the prompt is blocked, its answer, with the adapter for <paramref name="path"/>
    /// (the request's URL path, e.g. <c>/v1/messages</c> or <c>/v1/responses</c>; default <c>/v1/chat/completions</c>).
    /// </summary>
    public Verdict CheckExchange(JsonNode? request, JsonNode? response, string? path)
    {
        var guard = new ExchangeGuard(engine, time);
        // A recorded URL may keep its query (Azure's ?api-version=…), which the proxy's request path never holds.
        var query = path?.IndexOf('?') ?? -1;
        var adapter = _adapters.Find("POST", query >= 0 ? path![..query] : path ?? "/v1/chat/completions");
        if (adapter is null)
        {
            guard.Unchecked(UncheckedCodes.UnsupportedPath, "no adapter handles the path");
            return guard.Verdict();
        }
        if (request is not null) guard.InspectRequest(adapter, Utf8(request));
        if (guard.Builder.Decision == Decision.Block) return guard.Verdict();
        if (response is null)
        {
            guard.Builder.AddUnchecked(UncheckedCodes.NoResponse, "the recorded exchange has no answer");
            return guard.Verdict();
        }
        // Rewriting the answer changes nothing the verdict says, so the offline check only reads it.
        guard.InspectAnswer(adapter, Utf8(response));
        return guard.Verdict();
    }

    /// <summary>An unchecked verdict (<c>input-parse</c>) for an input line that could not be read at all.</summary>
    public Verdict Unreadable(string detail)
    {
        var guard = new ExchangeGuard(engine, time);
        guard.Builder.AddUnchecked(UncheckedCodes.InputParse, detail);
        return guard.Verdict();
    }

    private static ReadOnlyMemory<byte> Utf8(JsonNode node) => WireJson.SerializeToUtf8(node);
}
