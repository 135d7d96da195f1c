namespace Guardrail.AspNetCore.RequestGuard;

/// <summary>YARP route metadata keys the guard reads.</summary>
public static class GuardrailRouteMetadata
{
    /// <summary>Names the policy of a route (default: the configured default policy).</summary>
    public const string Policy = "GuardrailPolicy";

    /// <summary>Set to <c>off</c> to leave a route unguarded.</summary>
    public const string Enabled = "Guardrail";

    /// <summary>Names the adapter that reads a route's requests (<c>openai-chat</c>, a configured generic API…); without it the path decides.</summary>
    public const string Api = "GuardrailApi";
}
