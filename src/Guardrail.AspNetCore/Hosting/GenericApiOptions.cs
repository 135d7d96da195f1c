using Guardrail.Protocol.Generic;

namespace Guardrail.AspNetCore.Hosting;

/// <summary>
/// One JSON API read by JSON paths (configuration section <c>Guardrail:Apis:&lt;name&gt;</c>); the name is the
/// adapter's, which routes select with metadata <c>GuardrailApi</c>. A path outside the supported subset, a missing
/// Prompt or Answer, or a built-in adapter's name fails at startup with every problem listed.
/// </summary>
public sealed class GenericApiOptions : GenericApiSettings
{
}
