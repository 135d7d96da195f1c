using Microsoft.Extensions.Options;

namespace Guardrail.AspNetCore.Hosting;

/// <summary>Checks at startup what data annotations cannot: that the rules folder exists.</summary>
internal sealed class GuardrailOptionsValidator : IValidateOptions<GuardrailOptions>
{
    public ValidateOptionsResult Validate(string? name, GuardrailOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RulesDirectory) || !Directory.Exists(options.RulesDirectory))
        {
            errors.Add($"Guardrail:RulesDirectory '{options.RulesDirectory}' does not exist.");
        }
        if (options.ChatCompletionPaths.Any(p => string.IsNullOrWhiteSpace(p) || !p.StartsWith('/')))
        {
            errors.Add("Guardrail:ChatCompletionPaths entries must start with '/'.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
