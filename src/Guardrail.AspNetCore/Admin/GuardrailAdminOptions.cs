namespace Guardrail.AspNetCore.Admin;

/// <summary>
/// Settings of the admin API and explanation UI (configuration section <c>Guardrail:Admin</c>). Without an API key
/// the API and UI stay closed (401, "disabled") rather than open: verdicts and their texts are sensitive.
/// </summary>
public sealed class GuardrailAdminOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Guardrail:Admin";

    /// <summary>Shortest API key accepted at startup.</summary>
    public const int MinimumApiKeyLength = 16;

    /// <summary>Longest API key accepted at startup.</summary>
    public const int MaximumApiKeyLength = 512;

    /// <summary>
    /// Whether <c>/guardrail/api</c> and <c>/guardrail/ui</c> serve. Default unset: on exactly when <see cref="ApiKey"/>
    /// is configured. <c>true</c> makes the key required (startup fails without one); <c>false</c> closes both.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// The key clients send in <c>X-Guardrail-Api-Key</c> or <c>Authorization: Bearer</c>: 16–512 printable ASCII
    /// characters without spaces. Default none (API closed). Prefer the <c>Guardrail__Admin__ApiKey</c> environment
    /// variable to a command-line option, which other local users can see in the process list.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>True when the API serves: enabled (explicitly or by having a key) and a key is configured.</summary>
    public bool ApiEnabled => (Enabled ?? true) && !string.IsNullOrEmpty(ApiKey);
}
