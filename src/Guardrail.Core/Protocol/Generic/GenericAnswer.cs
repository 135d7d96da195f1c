using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.Generic;

/// <summary>A buffered generic answer: the strings at the API's Answer paths; a block replaces each of them with the policy's message.</summary>
internal sealed class GenericAnswer : AdapterAnswer
{
    /// <summary>Target paths start with this, e.g. <c>response.response</c>.</summary>
    public const string Prefix = "response";

    private readonly IReadOnlyList<JsonPathMatch> _matches;

    private GenericAnswer(JsonObject root, TargetList targets, IReadOnlyList<JsonPathMatch> matches) : base(root, targets) => _matches = matches;

    /// <summary>Reads <paramref name="root"/>; false when no Answer path selects anything (an error body, another shape).</summary>
    public static bool TryRead(GenericApi api, JsonObject root, [NotNullWhen(true)] out GenericAnswer? answer, [NotNullWhen(false)] out string? error)
    {
        answer = null;
        var matches = GenericTargets.Select(root, api.Answer);
        if (matches.Count == 0)
        {
            // Closed world: an answer whose text is nowhere the configuration says is not an answer the guard has read.
            error = "response has no value at any Answer path";
            return false;
        }
        var targets = new TargetList();
        var unreadable = new List<string>();
        GenericTargets.Add(matches, Prefix, Direction.Response, TextChannel.Message, targets, unreadable);
        answer = new GenericAnswer(root, targets, matches) { Unreadable = unreadable };
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public override void Apply(AnswerRewrite rewrite)
    {
        var findings = rewrite.FindingsUnder(Prefix);
        if (findings.Any(f => f.Action == Decision.Block))
        {
            // Every answer position is withheld, also those the guard could not read as text.
            foreach (var match in _matches) match.Write(rewrite.BlockMessage);
        }
        else
        {
            Redactions.Apply(TargetList, findings);
        }
        Root["guardrail"] = VerdictJson.ToJson(rewrite.Verdict);
    }
}
