using System.Text.RegularExpressions;

namespace Guardrail.Injection;

/// <summary>One heuristic: a regex over the folded text, the family it signals and how strongly.</summary>
/// <param name="Id">Stable id (e.g. <c>en.ignore-previous</c>), reported in evidence.</param>
/// <param name="Family">One of <see cref="InjectionKinds.Families"/>.</param>
/// <param name="Weight">Score of a match in [0, 1]: ~0.9 for explicit phrases, ~0.6–0.7 for weaker cues, below 0.5 for hints.</param>
/// <param name="Explanation">A sentence a reviewer can read.</param>
/// <param name="Regex">Pattern over <see cref="Text.NormalizedText.Folded"/> (NFKC, lower case, no invisible characters, look-alikes folded).</param>
/// <param name="Gate">
/// Literal words (folded, so lower case) of which every possible match of <paramref name="Regex"/> contains at
/// least one; when none occurs in the text the regex cannot match and <see cref="InjectionGate"/> skips it. Take
/// them from a part of the regex that no match can avoid (e.g. the one mandatory verb alternation); empty means
/// "no safe literal", and the pattern always runs.
/// </param>
internal sealed record InjectionPattern(string Id, string Family, double Weight, string Explanation, Regex Regex, IReadOnlyList<string> Gate);
