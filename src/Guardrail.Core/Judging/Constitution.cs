using Guardrail.Grounding;

namespace Guardrail.Judging;

/// <summary>How serious a principle's violation is, as the constitution and the judge say it.</summary>
public enum JudgeSeverity
{
    /// <summary>Minor: worth a label, rarely worth withholding.</summary>
    Low,
    /// <summary>Clearly wrong.</summary>
    Medium,
    /// <summary>Harmful.</summary>
    High,
}

/// <summary>One worked example of a principle: an exchange the judge should find violating it, or not.</summary>
/// <param name="Answer">The model's answer.</param>
/// <param name="Prompt">The user's turn, if the example needs one.</param>
/// <param name="Document">Retrieved or tool text the answer may have read (where an injected command hides).</param>
/// <param name="Sources">Sources supplied with the request (for grounding principles).</param>
/// <param name="Violates">True for a <c>fail</c> example.</param>
/// <param name="Line">The example's line in the constitution file, for reports.</param>
public sealed record PrincipleExample(string Answer, string? Prompt, string? Document, IReadOnlyList<Source> Sources, bool Violates, int Line);

/// <summary>A principle of the constitution (DESIGN.md §9).</summary>
/// <param name="Id">Stable id the judge names in its answer.</param>
/// <param name="Categories">The fast checks' categories it covers; disagreement is counted per category.</param>
/// <param name="Severity">What a violation usually is.</param>
/// <param name="Description">What the principle asks, as the judge reads it.</param>
/// <param name="Examples">Examples that pass and fail.</param>
public sealed record Principle(string Id, IReadOnlyList<string> Categories, JudgeSeverity Severity, string Description, IReadOnlyList<PrincipleExample> Examples);

/// <summary>The judge's constitution: <c>rules/constitution.yaml</c>, loaded by <see cref="ConstitutionLoader"/>.</summary>
public sealed class Constitution
{
    private readonly Dictionary<string, Principle> _byId;

    /// <summary>Creates a constitution from validated principles.</summary>
    public Constitution(string name, IReadOnlyList<Principle> principles, string hash)
    {
        Name = name;
        Principles = principles;
        Hash = hash;
        _byId = principles.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>The constitution's name.</summary>
    public string Name { get; }

    /// <summary>The principles, in file order.</summary>
    public IReadOnlyList<Principle> Principles { get; }

    /// <summary>A short hash of the file's text: labels record which constitution produced them.</summary>
    public string Hash { get; }

    /// <summary>Name and hash, e.g. <c>guardrail-default@3f2a9c1</c>.</summary>
    public string Version => $"{Name}@{Hash}";

    /// <summary>The principle with <paramref name="id"/>, or null.</summary>
    public Principle? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Every category some principle covers.</summary>
    public IReadOnlyCollection<string> Categories => Principles.SelectMany(p => p.Categories).Distinct(StringComparer.Ordinal).ToArray();
}
