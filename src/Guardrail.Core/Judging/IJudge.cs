namespace Guardrail.Judging;

/// <summary>An LLM judge applying a constitution to one exchange. Returns errors as outcomes; never throws for the judge's faults.</summary>
public interface IJudge
{
    /// <summary>The constitution the judge applies.</summary>
    Constitution Constitution { get; }

    /// <summary>Judges <paramref name="input"/>; cancelled only through <paramref name="ct"/>.</summary>
    Task<JudgeOutcome> JudgeAsync(JudgeInput input, CancellationToken ct = default);
}
