using System.ComponentModel.DataAnnotations;

namespace Guardrail.AspNetCore.Judging;

/// <summary>
/// The LLM judge (configuration section <c>Guardrail:Judge</c>; <c>serve --judge-upstream URL --constitution FILE
/// --judge-sample-rate R</c>): any OpenAI-compatible Chat Completions endpoint. Off unless <see cref="Upstream"/> is set.
/// </summary>
public sealed class JudgeOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Guardrail:Judge";

    /// <summary>Base URL of the judge's API (<c>https://api.openai.com/v1</c>, <c>http://localhost:11434/v1</c>), or its full <c>…/chat/completions</c> URL. Empty: no judge.</summary>
    public string? Upstream { get; set; }

    /// <summary>Sent as a bearer token. From configuration only (environment, user secrets, a file): never a command-line flag, never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The judge's model name. Default <c>gpt-4o-mini</c>.</summary>
    [Required]
    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>The constitution file. Default <c>constitution.yaml</c> in the rules folder.</summary>
    public string? Constitution { get; set; }

    /// <summary>Share of exchanges judged off the hot path, 0 to 1, besides every uncertain one. Default 0.</summary>
    [Range(0.0, 1.0)]
    public double SampleRate { get; set; }

    /// <summary>Half-width of the uncertainty band around a rule's threshold: a score within it is judged. 0 turns the band off. Default 0.1.</summary>
    [Range(0.0, 1.0)]
    public double Band { get; set; } = 0.1;

    /// <summary>Per-attempt timeout in seconds. Default 20.</summary>
    [Range(0.1, 600)]
    public double AttemptTimeoutSeconds { get; set; } = 20;

    /// <summary>Whole call (retries and their waits included) timeout in seconds. Default 60.</summary>
    [Range(0.1, 3600)]
    public double TotalTimeoutSeconds { get; set; } = 60;

    /// <summary>Retries of a failed or rate-limited attempt (honouring <c>Retry-After</c>). Default 2.</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 2;

    /// <summary>Exchanges waiting for the judge; past it new ones are dropped and counted, never waited for. Default 1000.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Judge calls in flight at once. Default 2.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 2;

    /// <summary>True when a judge is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Upstream);

    /// <summary>The Chat Completions URL of <see cref="Upstream"/>.</summary>
    public Uri ChatCompletionsUri()
    {
        var text = Upstream!.Trim();
        if (text.TrimEnd('/').EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase)) return new Uri(text.TrimEnd('/'));
        return new Uri(text.TrimEnd('/') + "/chat/completions");
    }
}
