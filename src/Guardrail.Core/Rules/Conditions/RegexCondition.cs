using System.Text.RegularExpressions;
using Guardrail.Verdicts;

namespace Guardrail.Rules.Conditions;

/// <summary>
/// Matches a .NET regular expression (<c>regex:</c>) on the original text and, where folding changed it, on the
/// folded text with its case kept (<see cref="RuleContext.Cased"/>), so look-alike and invisible characters do not
/// evade a pattern while patterns written for such characters still see them.
/// </summary>
public sealed class RegexCondition : IRuleCondition
{
    /// <summary>Bounds the work one pattern may do on one text, so a bad pattern cannot stall the proxy.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Regex _regex;
    private long _timeouts;

    private RegexCondition(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    /// <summary>The pattern as written in the rule.</summary>
    public string Pattern { get; }

    /// <summary>How many evaluations ran out of time (each counted as no match).</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <inheritdoc />
    public IEnumerable<string> Detectors => [];

    /// <summary>Compiles <paramref name="pattern"/>; returns false with the parser's message when it is invalid.</summary>
    public static bool TryCreate(string pattern, bool ignoreCase, out RegexCondition? condition, out string? error)
    {
        var options = RegexOptions.Compiled | RegexOptions.CultureInvariant;
        if (ignoreCase) options |= RegexOptions.IgnoreCase;
        try
        {
            condition = new RegexCondition(pattern, new Regex(pattern, options, MatchTimeout));
            error = null;
            return true;
        }
        catch (ArgumentException ex) // RegexParseException: the rule author's mistake, reported at load
        {
            condition = null;
            error = ex.Message;
            return false;
        }
    }

    /// <inheritdoc />
    public ConditionResult Evaluate(RuleContext context)
    {
        var matches = new List<ConditionMatch>();
        try
        {
            Collect(context.Target.Text, null, matches);
            if (!context.Cased.IsUnchanged) Collect(context.Cased.Folded, context.Cased, matches);
        }
        catch (RegexMatchTimeoutException)
        {
            // A runaway pattern is treated as no match; the timeout is recorded so it can be seen and fixed.
            Interlocked.Increment(ref _timeouts);
            context.ConditionTimeouts.Add($"regex /{Pattern}/");
            return ConditionResult.None;
        }
        if (matches.Count == 0) return ConditionResult.None;
        matches.Sort(static (a, b) => a.Span!.Value.Start.CompareTo(b.Span!.Value.Start));
        return new ConditionResult(true, matches);
    }

    // Matches on the folded text are mapped back; one that covers the same original span as another is dropped.
    private void Collect(string text, Text.NormalizedText? folded, List<ConditionMatch> matches)
    {
        for (var m = _regex.Match(text); m.Success; m = m.NextMatch())
        {
            if (m.Length == 0) continue; // an empty match marks no text, so it cannot be a finding
            var (start, end) = folded?.ToOriginal(m.Index, m.Index + m.Length) ?? (m.Index, m.Index + m.Length);
            var span = new TextSpan(start, end);
            if (folded is not null && matches.Exists(x => x.Span == span)) continue;
            matches.Add(new ConditionMatch(span, 1.0, 1.0, $"Matched pattern /{Pattern}/"));
        }
    }
}
