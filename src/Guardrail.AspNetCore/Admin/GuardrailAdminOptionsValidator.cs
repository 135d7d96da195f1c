using Microsoft.Extensions.Options;

namespace Guardrail.AspNetCore.Admin;

/// <summary>Checks the admin key's shape at startup; messages never repeat the key.</summary>
internal sealed class GuardrailAdminOptionsValidator : IValidateOptions<GuardrailAdminOptions>
{
    public ValidateOptionsResult Validate(string? name, GuardrailAdminOptions options)
    {
        var errors = new List<string>();
        var key = options.ApiKey;
        if (options.Enabled == true && string.IsNullOrEmpty(key))
        {
            errors.Add("Guardrail:Admin:ApiKey is required when Guardrail:Admin:Enabled is true (set it, the Guardrail__Admin__ApiKey environment variable, or serve --admin-api-key).");
        }
        if (!string.IsNullOrEmpty(key))
        {
            if (key.Length < GuardrailAdminOptions.MinimumApiKeyLength || key.Length > GuardrailAdminOptions.MaximumApiKeyLength)
            {
                errors.Add($"Guardrail:Admin:ApiKey must be {GuardrailAdminOptions.MinimumApiKeyLength} to {GuardrailAdminOptions.MaximumApiKeyLength} characters long (it has {key.Length}).");
            }
            // The key travels in an HTTP header: anything outside printable ASCII would not arrive intact.
            if (key.Any(c => c is < '!' or > '~'))
            {
                errors.Add("Guardrail:Admin:ApiKey must be printable ASCII without spaces.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
