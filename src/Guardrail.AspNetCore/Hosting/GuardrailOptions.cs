using System.ComponentModel.DataAnnotations;

namespace Guardrail.AspNetCore.Hosting;

/// <summary>Settings of the guard inside a YARP pipeline (configuration section <c>Guardrail</c>).</summary>
public sealed class GuardrailOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Guardrail";

    /// <summary>Folder of rule files and <c>policies/</c>. Default <c>rules</c> (relative to the working directory).</summary>
    [Required]
    public string RulesDirectory { get; set; } = "rules";

    /// <summary>Policy for routes that name none. Default <c>default</c>.</summary>
    [Required]
    public string DefaultPolicy { get; set; } = "default";

    /// <summary>Reload rules when files in <see cref="RulesDirectory"/> change. Default true.</summary>
    public bool WatchRules { get; set; } = true;

    /// <summary>
    /// Path suffixes treated as Chat Completions (POST, JSON). Default <c>/chat/completions</c>, which covers
    /// OpenAI (<c>/v1/chat/completions</c>), Azure OpenAI deployments, vLLM, Ollama and LiteLLM.
    /// </summary>
    [MinLength(1)]
    public List<string> ChatCompletionPaths { get; set; } = ["/chat/completions"];

    /// <summary>
    /// The in-flight budget every buffered body draws from, in bytes (request bodies, buffered answers and the room to
    /// parse and rewrite them). Past it a body is passed on <c>unchecked</c> (reason <c>memory-budget</c>), or refused
    /// when the policy fails closed: never buffered without bound. Default 256 MiB.
    /// </summary>
    [Range(1L, long.MaxValue)]
    public long InFlightBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Generic JSON APIs by adapter name (<c>Guardrail:Apis:&lt;name&gt;</c>), read by JSON paths. Default none.</summary>
    public Dictionary<string, GenericApiOptions> Apis { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
