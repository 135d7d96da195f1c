namespace Guardrail.Injection;

/// <summary>Settings of the <c>injection</c> detector; the defaults run every family.</summary>
public sealed class InjectionOptions
{
    /// <summary>Pattern families to run (see <see cref="InjectionKinds.Families"/>); default: all of them.</summary>
    public IReadOnlyCollection<string> Families { get; init; } = InjectionKinds.Families;

    /// <summary>
    /// Matches weaker than this are not reported and do not feed the combined score; default 0 (report
    /// weak cues too, so rules can weigh them and co-occurrence can raise the combined score).
    /// </summary>
    public double MinWeight { get; init; }

    /// <summary>Every problem with these settings (empty when valid), for fail-fast validation at startup.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var family in Families)
        {
            if (!InjectionKinds.Families.Contains(family))
            {
                errors.Add($"Injection:Families: unknown family '{family}'; known families are {string.Join(", ", InjectionKinds.Families)}.");
            }
        }
        if (MinWeight is < 0 or > 1)
        {
            errors.Add("Injection:MinWeight must be between 0 and 1.");
        }
        return errors;
    }
}
