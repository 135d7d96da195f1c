using Microsoft.Extensions.DependencyInjection;

namespace Guardrail.Hosting;

/// <summary>
/// What <c>AddGuardrail()</c> (and <c>AddGuardrailDetection()</c>) return, as YARP's <c>AddReverseProxy()</c> returns
/// a builder: detectors, models and protocol adapters registered on it serve the proxy and the offline commands
/// (<c>check</c>, <c>rules test</c>, <c>rules lint</c>) alike.
/// </summary>
public interface IGuardrailBuilder
{
    /// <summary>The services being configured.</summary>
    IServiceCollection Services { get; }
}

/// <summary>The builder over a service collection.</summary>
internal sealed class GuardrailBuilder(IServiceCollection services) : IGuardrailBuilder
{
    public IServiceCollection Services { get; } = services;
}
