namespace Guardrail.AspNetCore.RequestGuard;

/// <summary>YARP route metadata keys the guard reads.</summary>
public static class GuardrailRouteMetadata
{
    /// <summary>Names the policy of a route (default: the configured default policy).</summary>
    public const string Policy = "GuardrailPolicy";

    /// <summary>Set to <c>off</c> to leave a route unguarded.</summary>
    public const string Enabled = "Guardrail";
}
