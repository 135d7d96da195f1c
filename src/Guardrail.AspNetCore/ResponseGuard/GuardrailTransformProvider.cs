using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Guardrail.AspNetCore.ResponseGuard;

/// <summary>Adds the response guard to every YARP route; it acts only on exchanges the request guard took.</summary>
internal sealed class GuardrailTransformProvider(ResponseGuard guard) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context) { }

    public void ValidateCluster(TransformClusterValidationContext context) { }

    public void Apply(TransformBuilderContext context) => context.AddResponseTransform(guard.TransformAsync);
}
