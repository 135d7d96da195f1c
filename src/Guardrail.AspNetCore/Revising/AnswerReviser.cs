using System.Diagnostics;
using Guardrail.AspNetCore.Exchange;
using Guardrail.AspNetCore.Metrics;
using Guardrail.Judging;
using Guardrail.Protocol;
using Guardrail.Revising;
using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.Revising;

/// <summary>
/// A <c>revise</c> rule's second chance for a withheld, non-streamed answer: the answer goes back to the upstream once
/// with the critique, the revision is checked by the same policy, and it replaces the original only if it passes
/// (allow, flag or redact; not block, and not unchecked). Otherwise the original decision stands. Either way the
/// verdict records both attempts (<see cref="Revision"/>), and <c>guardrail_revisions_total</c> counts the outcome.
/// </summary>
internal sealed class AnswerReviser(RevisionClient client, GuardrailMetrics metrics, RevisionConstitution constitution)
{
    /// <summary>The answer to release and its body: the revision when it passed, else the original.</summary>
    public async Task<(AdapterAnswer Answer, ReadOnlyMemory<byte> Body)> ReviseAsync(
        GuardedExchange exchange, HttpRequestMessage proxied, AdapterAnswer answer, ReadOnlyMemory<byte> body, object beforeAnswer, int findingsBefore, CancellationToken ct)
    {
        var guard = exchange.Guard;
        var builder = guard.Builder;
        var policy = guard.Engine.Policy;
        var start = Stopwatch.GetTimestamp();
        var originalState = builder.Save();
        var original = builder.Findings.Skip(findingsBefore).ToList();
        var text = string.Join("\n\n", answer.Targets.Where(t => t.Channel == TextChannel.Message).Select(t => t.Text));
        var request = RevisionRequest.Build(guard.Request!, text, RevisionRequest.Critique(original, constitution.Current));
        if (request is null) return Failed(null, [], "this API's request cannot carry a revision");
        var (revisedBody, error) = await client.SendAsync(proxied, request, policy.ReviseBudget, policy.MaxResponseBytes, ct);
        if (revisedBody is null) return Failed(null, [], error);

        builder.Restore(beforeAnswer);
        var revised = guard.InspectAnswer(exchange.Adapter!, revisedBody);
        var revisedFindings = builder.Findings.Skip(findingsBefore).ToList();
        var decision = builder.Decision;
        if (revised is null) return Failed(null, revisedFindings, "the revision is not an answer of this API");
        if (revised.Targets.All(t => string.IsNullOrWhiteSpace(t.Text))) return Failed(decision, revisedFindings, "the revision is empty");
        if (decision is Decision.Block or Decision.Unchecked) return Failed(decision, revisedFindings, null);
        builder.Revision = new Revision(true, Decision.Block, original, decision, revisedFindings, null, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        metrics.Revisions.WithLabels("passed").Inc();
        return (revised, revisedBody);

        (AdapterAnswer, ReadOnlyMemory<byte>) Failed(Decision? revisedDecision, List<Finding> findings, string? why)
        {
            builder.Restore(originalState);
            builder.Revision = new Revision(false, Decision.Block, original, revisedDecision, findings, why, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            metrics.Revisions.WithLabels(why is null ? "failed" : "error").Inc();
            return (answer, body);
        }
    }
}

/// <summary>The constitution a revision's critique quotes principles from: the rules folder's, when it has one and it loads.</summary>
internal sealed class RevisionConstitution(string rulesDirectory)
{
    private readonly Lazy<Constitution?> _constitution = new(() => ConstitutionLoader.LoadFromRules(rulesDirectory) is { Success: true } r ? r.Constitution : null);

    public Constitution? Current => _constitution.Value;
}
