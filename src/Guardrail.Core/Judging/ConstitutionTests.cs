using Guardrail.Verdicts;

namespace Guardrail.Judging;

/// <summary>One principle example sent to the judge.</summary>
/// <param name="Principle">The principle's id.</param>
/// <param name="Line">The example's line in the constitution.</param>
/// <param name="Answer">The example's answer.</param>
/// <param name="ExpectViolated">True for a <c>fail</c> example.</param>
/// <param name="Violated">What the judge said, or null when it gave no verdict for the principle.</param>
/// <param name="Error">The judge's error code, when the call failed.</param>
public sealed record ConstitutionTestResult(string Principle, int Line, string Answer, bool ExpectViolated, bool? Violated, string? Error)
{
    /// <summary>The judge agreed with the example.</summary>
    public bool Passed => Error is null && Violated == ExpectViolated;
}

/// <summary>
/// Runs every principle's examples through a judge (<c>guardrail rules test --judge-upstream URL</c>): an example passes
/// when the judge's verdict on its principle says what the example expects.
/// </summary>
public static class ConstitutionTests
{
    /// <summary>The target path of an example's answer, as the proxy names a chat answer.</summary>
    public const string AnswerTarget = "response.choices[0].message";

    /// <summary>Sends each example to <paramref name="judge"/>, one at a time, in file order.</summary>
    public static async Task<IReadOnlyList<ConstitutionTestResult>> RunAsync(IJudge judge, CancellationToken ct = default)
    {
        var results = new List<ConstitutionTestResult>();
        foreach (var principle in judge.Constitution.Principles)
        {
            foreach (var example in principle.Examples)
            {
                var outcome = await judge.JudgeAsync(InputOf(example), ct);
                var verdict = outcome.Verdicts?.FirstOrDefault(v => v.Principle == principle.Id);
                results.Add(new ConstitutionTestResult(principle.Id, example.Line, example.Answer, example.Violates, verdict?.Violated, outcome.Error));
            }
        }
        return results;
    }

    /// <summary>The exchange an example stands for: its prompt and document as the request's messages, its answer as the response.</summary>
    public static JudgeInput InputOf(PrincipleExample example)
    {
        var texts = new List<JudgeText>();
        if (example.Prompt is not null) texts.Add(new JudgeText("request.messages[0]", example.Prompt));
        if (example.Document is not null) texts.Add(new JudgeText($"request.messages[{texts.Count}]", example.Document));
        texts.Add(new JudgeText(AnswerTarget, example.Answer));
        return new JudgeInput(texts, example.Sources, new Verdict { Id = "constitution-test", Policy = "constitution-test" });
    }

    /// <summary>Writes one line per example and the closing <c>N passed, N failed</c>; returns the failures.</summary>
    public static int Format(IReadOnlyList<ConstitutionTestResult> results, string file, TextWriter output)
    {
        var failed = 0;
        foreach (var r in results)
        {
            var expected = r.ExpectViolated ? "violated" : "not violated";
            var line = $"{(r.Passed ? "PASS" : "FAIL")} {r.Principle} {file}:{r.Line} expected {expected}";
            if (!r.Passed)
            {
                failed++;
                line += r.Error is not null ? $", judge error {r.Error}" : r.Violated is null ? ", the judge gave no verdict for it" : $", judge said {(r.Violated.Value ? "violated" : "not violated")}";
            }
            output.WriteLine(line);
        }
        output.WriteLine($"{results.Count - failed} passed, {failed} failed");
        return failed;
    }
}
