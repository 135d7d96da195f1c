using System.Text;

namespace Guardrail.Rules.Testing;

/// <summary>Writes rule test results as text, one line per case and the closing line <c>N passed, N failed</c>.</summary>
public static class RuleTestReport
{
    private const int PreviewLength = 40;

    /// <summary>Writes the report; returns the number of failed cases (the CLI's exit code depends on it).</summary>
    public static int Format(IReadOnlyList<RuleTestResult> results, TextWriter output)
    {
        var failed = 0;
        foreach (var r in results)
        {
            var line = $"{(r.Passed ? "PASS" : "FAIL")} {r.RuleId} {r.File}:{r.Line} \"{Preview(r.Text)}\"";
            if (!r.Passed)
            {
                failed++;
                line += $" expected {Wire(r.Expected)}, got {Wire(r.Actual)}";
            }
            output.WriteLine(line);
        }
        output.WriteLine($"{results.Count - failed} passed, {failed} failed");
        return failed;
    }

    /// <summary>The wire name used in rule files: <c>match</c> or <c>no-match</c>.</summary>
    public static string Wire(RuleExpectation expectation) => expectation == RuleExpectation.Match ? "match" : "no-match";

    // One line per case: newlines and quotes are escaped and long texts shortened.
    private static string Preview(string text)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (i == PreviewLength)
            {
                sb.Append('…');
                break;
            }
            var c = text[i];
            sb.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", '"' => "\\\"", '\\' => "\\\\", _ => c.ToString() });
        }
        return sb.ToString();
    }
}
