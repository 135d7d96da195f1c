using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Grounding;
using Guardrail.Protocol;
using Guardrail.Protocol.OpenAI;
using Guardrail.Verdicts;

namespace Guardrail.Pipeline;

public sealed partial class ExchangeGuard
{
    /// <summary>The request as its adapter read it; null until <see cref="InspectRequest"/> succeeded.</summary>
    public AdapterRequest? Request { get; private set; }

    /// <summary>The sources the request supplied, attached to every answer message target; null when none or unread.</summary>
    public SourceSet? Sources { get; private set; }

    /// <summary>
    /// Records that part of the exchange could not be read, the one place that applies the fail mode to it: fail-open
    /// marks the exchange <c>unchecked</c>; fail-closed also adds a blocking finding, so the guard refuses or withholds.
    /// Returns true when the policy fails closed.
    /// </summary>
    public bool Unchecked(string code, string? detail = null, string target = "exchange")
    {
        Builder.AddUnchecked(code, detail);
        if (Builder.FailMode != Policies.FailMode.Closed) return false;
        if (!Builder.Findings.Any(f => f.Rule == GuardFindings.UnreadableRule && f.Target == target)) Builder.AddFinding(GuardFindings.Unreadable(code, target));
        return true;
    }

    /// <summary>
    /// Reads a request body with <paramref name="adapter"/>, checks every target, records unreadable parts and extracts
    /// the sources. Never throws for bad input: what cannot be read is <see cref="Unchecked"/>.
    /// Returns the findings on the prompt (empty when it could not be read).
    /// </summary>
    public IReadOnlyList<Finding> InspectRequest(IProtocolAdapter adapter, ReadOnlyMemory<byte> body) =>
        Measure(() => ReadRequest(adapter, body) is { } request ? EvaluateRequest(request) : []);

    private AdapterRequest? ReadRequest(IProtocolAdapter adapter, ReadOnlyMemory<byte> body)
    {
        if (!JsonBody.TryParseObject(body.Span, "request", out var root, out var error))
        {
            Unchecked(UncheckedCodes.RequestUnreadable, error, "request");
            return null;
        }
        try
        {
            if (adapter.TryReadRequest(root, out var request, out error)) return Request = request;
        }
        catch (Exception e) when (JsonBody.IsUnreadable(e))
        {
            error = "request holds a string that cannot be decoded";
        }
        Unchecked(UncheckedCodes.RequestUnreadable, error, "request");
        return null;
    }

    private IReadOnlyList<Finding> EvaluateRequest(AdapterRequest request)
    {
        // Images, audio and files: the text checks cannot see them, so a fail-closed policy refuses the request.
        foreach (var part in request.Unreadable) Unchecked(UncheckedCodes.NonTextContent, part, "request");
        var findings = EvaluateTargets(WithPriorTurns(request.Targets));
        try
        {
            // The policy's grounding section says which patterns count as sources and bounds the work.
            Sources = request.ExtractSources(Engine.Policy.Grounding);
        }
        catch (Exception)
        {
            // Extraction parses caller-supplied text with configurable patterns: a failure is a check error like any detector's.
            Builder.AddCheckError("sources", "request");
        }
        return findings;
    }

    // Each request text sees the texts before it (one shared array, no copies): detectors that read a conversation as a
    // whole need them, and every host (proxy, check, replay) reads requests through here.
    private static IEnumerable<TextTarget> WithPriorTurns(IReadOnlyList<TextTarget> targets)
    {
        var all = targets.ToArray();
        for (var i = 0; i < all.Length; i++) yield return i == 0 ? all[i] : all[i] with { PriorTurns = new ArraySegment<TextTarget>(all, 0, i) };
    }

    /// <summary>
    /// Reads a buffered answer with the request's adapter and checks every target (message targets with the request's
    /// sources). Null when the body is not the API's answer; that is recorded as <see cref="Unchecked"/>.
    /// </summary>
    public AdapterAnswer? InspectAnswer(IProtocolAdapter adapter, ReadOnlyMemory<byte> body) => Measure(() =>
    {
        if (!JsonBody.TryParseObject(body.Span, "response", out var root, out var error))
        {
            Unchecked(UncheckedCodes.ResponseUnreadable, error, "response");
            return null;
        }
        return InspectAnswer(adapter, root);
    });

    /// <summary>As <see cref="InspectAnswer(IProtocolAdapter, ReadOnlyMemory{byte})"/> for a parsed body.</summary>
    public AdapterAnswer? InspectAnswer(IProtocolAdapter adapter, JsonObject root)
    {
        string? error;
        try
        {
            if (adapter.TryReadAnswer(root, Request, out var answer, out error))
            {
                foreach (var part in answer.Unreadable) Unchecked(UncheckedCodes.NonTextContent, part, "response");
                EvaluateTargets(answer.Targets.Select(WithSources));
                return answer;
            }
        }
        catch (Exception e) when (JsonBody.IsUnreadable(e))
        {
            error = "response holds a string that cannot be decoded";
        }
        Unchecked(UncheckedCodes.ResponseUnreadable, error, "response");
        return null;
    }

    /// <summary>The answer target with the request's sources attached when it is message text (claims are made there).</summary>
    public TextTarget WithSources(TextTarget target) =>
        Sources is null || target.Channel != TextChannel.Message ? target : target with { Sources = Sources };

    /// <summary>Applies the final verdict to a buffered answer.</summary>
    public void Rewrite(AdapterAnswer answer, Verdict verdict) =>
        Measure(() =>
        {
            answer.Apply(new AnswerRewrite(verdict, Builder.TargetScores, Engine.Policy.BlockMessage, Request));
            return true;
        });
}
