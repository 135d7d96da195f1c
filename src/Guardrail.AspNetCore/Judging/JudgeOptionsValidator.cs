using Microsoft.Extensions.Options;

namespace Guardrail.AspNetCore.Judging;

/// <summary>Checks at startup what data annotations cannot: a usable URL, timeouts that fit each other.</summary>
internal sealed class JudgeOptionsValidator : IValidateOptions<JudgeOptions>
{
    public ValidateOptionsResult Validate(string? name, JudgeOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Upstream!.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add($"{JudgeOptions.SectionName}:Upstream must be an absolute http or https URL.");
        }
        if (options.TotalTimeoutSeconds < options.AttemptTimeoutSeconds)
        {
            errors.Add($"{JudgeOptions.SectionName}:TotalTimeoutSeconds must be at least AttemptTimeoutSeconds.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
