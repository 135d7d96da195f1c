using System.Text;
using Guardrail.Detection;
using Guardrail.Text;
using Guardrail.Verdicts;

namespace Guardrail.Pii;

/// <summary>
/// Finds personal data and credentials in text (emails, phones, payment cards, IBANs, SSNs, Chinese ID
/// numbers, IPv4 addresses, secrets). Stateless and thread-safe. Matches on the folded text with its case kept
/// (<see cref="NormalizedText.CreateCased"/>), so full-width, invisible and look-alike characters, Unicode digits
/// and dashes do not hide a number or an address, and maps every span back to <see cref="TextTarget.Text"/>.
/// </summary>
/// <remarks>
/// Every pattern is a source-generated regex with a match timeout; a timeout on pathological input is not
/// an expected condition and surfaces as an exception so the pipeline applies the policy's fail mode
/// instead of silently reporting nothing.
/// </remarks>
public sealed class PiiDetector : IDetector
{
    private readonly PiiOptions _options;
    private readonly bool _email, _phone, _card, _iban, _ssn, _cnId, _ipv4, _secret;

    /// <summary>Creates a detector with default options (every kind, private IPv4 addresses included).</summary>
    public PiiDetector() : this(new PiiOptions())
    {
    }

    /// <summary>Creates a detector with <paramref name="options"/>; invalid options throw <see cref="ArgumentException"/>.</summary>
    public PiiDetector(PiiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(options));
        _options = options;
        var kinds = options.Kinds;
        (_email, _phone, _card, _iban) = (kinds.Contains(PiiKinds.Email), kinds.Contains(PiiKinds.Phone),
            kinds.Contains(PiiKinds.CreditCard), kinds.Contains(PiiKinds.Iban));
        (_ssn, _cnId, _ipv4, _secret) = (kinds.Contains(PiiKinds.Ssn), kinds.Contains(PiiKinds.ChineseId),
            kinds.Contains(PiiKinds.IPv4), kinds.Contains(PiiKinds.Secret));
    }

    /// <inheritdoc />
    public string Name => "pii";

    /// <inheritdoc />
    public IReadOnlyList<Signal> Detect(TextTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (string.IsNullOrEmpty(target.Text)) return [];
        // Pure ASCII text is its own fold: nothing to copy, no map, not even the NormalizedText.
        var normalized = Ascii.IsValid(target.Text) ? null : NormalizedText.CreateCased(target.Text);
        var text = normalized?.Folded ?? target.Text;
        List<PiiMatch>? found = null;
        if (_email) EmailAddresses.Find(text, ref found);
        if (_secret) Secrets.Find(text, _options, ref found);
        if (_iban) Iban.Find(text, ref found);
        // The remaining kinds need a long enough cluster of digits, which most prose lacks.
        var numbers = NumberClusters.FirstCandidate(text);
        if (numbers >= 0)
        {
            if (_card) PaymentCards.Find(text, numbers, ref found);
            if (_cnId) ChineseId.Find(text, numbers, ref found);
            if (_ssn) Ssn.Find(text, numbers, ref found);
            if (_ipv4) IPv4Addresses.Find(text, numbers, _options.ReportPrivateIPv4, ref found);
            if (_phone) PhonePatterns.Find(text, numbers, ref found);
        }
        return found is null ? [] : Resolve(found, normalized);
    }

    /// <summary>Keeps the most specific candidate wherever candidates overlap, then orders by position and maps spans back.</summary>
    private static Signal[] Resolve(List<PiiMatch> found, NormalizedText? normalized)
    {
        found.Sort(static (a, b) =>
            a.Priority != b.Priority ? b.Priority.CompareTo(a.Priority)
            : a.Score != b.Score ? b.Score.CompareTo(a.Score)
            : (b.End - b.Start).CompareTo(a.End - a.Start));
        var kept = new List<PiiMatch>(found.Count);
        foreach (var candidate in found)
        {
            if (!OverlapsAny(kept, candidate)) kept.Add(candidate);
        }
        kept.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var signals = new Signal[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            var k = kept[i];
            var (start, end) = normalized?.ToOriginal(k.Start, k.End) ?? (k.Start, k.End);
            signals[i] = new Signal(k.Kind, k.Score, new TextSpan(start, end), k.Explanation, k.Evidence);
        }
        return signals;
    }

    private static bool OverlapsAny(List<PiiMatch> kept, PiiMatch candidate)
    {
        foreach (var k in kept)
        {
            if (k.Start < candidate.End && candidate.Start < k.End) return true;
        }
        return false;
    }
}
