using Guardrail.AspNetCore.Judging;
using Guardrail.Judging;

namespace Guardrail.Server.Cli;

/// <summary><c>rules test --judge-upstream URL</c>: the constitution's examples, each sent to the judge.</summary>
internal static class ConstitutionCli
{
    /// <summary>Exit 0 when every example passed (or no judge was named), 1 when any failed, 2 when the constitution does not load.</summary>
    public static async Task<int> TestAsync(string rulesDir, string? file, string? upstream, string? model, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var path = file ?? Path.Combine(rulesDir, ConstitutionLoader.FileName);
        if (!File.Exists(path))
        {
            if (file is null && upstream is null) return 0;
            stderr.WriteLine($"guardrail rules test: constitution '{path}' does not exist");
            return 2;
        }
        var loaded = ConstitutionLoader.Load(path, path);
        if (!loaded.Success)
        {
            foreach (var e in loaded.Errors) stderr.WriteLine(e);
            return 2;
        }
        var constitution = loaded.Constitution!;
        if (upstream is null)
        {
            stdout.WriteLine($"constitution: {constitution.Principles.Sum(p => p.Examples.Count)} examples of {constitution.Principles.Count} principles not run (no --judge-upstream)");
            return 0;
        }
        var options = CliJudgeOptions.From(upstream, model);
        using var judge = new StandaloneJudge(options, constitution);
        var results = await ConstitutionTests.RunAsync(judge.Judge, ct);
        stdout.WriteLine($"constitution {constitution.Version} against {options.Model} at {options.ChatCompletionsUri().GetLeftPart(UriPartial.Path)}:");
        return ConstitutionTests.Format(results, path, stdout) == 0 ? 0 : 1;
    }
}
