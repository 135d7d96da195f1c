namespace Guardrail.Pii;

/// <summary>Settings of the <c>pii</c> detector; the defaults report every kind.</summary>
public sealed class PiiOptions
{
    /// <summary>Kinds to look for (see <see cref="PiiKinds"/>); default: all of them.</summary>
    public IReadOnlyCollection<string> Kinds { get; init; } = PiiKinds.All;

    /// <summary>
    /// Whether private, loopback, link-local and shared (CGNAT) IPv4 addresses are reported; default true,
    /// because internal topology leaking into an answer is worth a reviewer's look. Evidence says which.
    /// </summary>
    public bool ReportPrivateIPv4 { get; init; } = true;

    /// <summary>
    /// Minimum Shannon entropy, in bits per character, of the value in a generic
    /// <c>api_key=...</c> / <c>secret: ...</c> assignment; default 3.5 (random base64 of 16+ chars scores ~3.7+,
    /// words and repeated characters score lower).
    /// </summary>
    public double GenericSecretMinEntropy { get; init; } = 3.5;

    /// <summary>Minimum length of the value in a generic secret assignment; default 16.</summary>
    public int GenericSecretMinLength { get; init; } = 16;

    /// <summary>Every problem with these settings (empty when valid), for fail-fast validation at startup.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var kind in Kinds)
        {
            if (!PiiKinds.All.Contains(kind))
            {
                errors.Add($"Pii:Kinds: unknown kind '{kind}'; known kinds are {string.Join(", ", PiiKinds.All)}.");
            }
        }
        if (GenericSecretMinEntropy is < 0 or > 8)
        {
            errors.Add("Pii:GenericSecretMinEntropy must be between 0 and 8 bits per character.");
        }
        if (GenericSecretMinLength < 8)
        {
            errors.Add("Pii:GenericSecretMinLength must be at least 8.");
        }
        return errors;
    }
}
