using Guardrail.AspNetCore.RequestGuard;
using Guardrail.Protocol;
using Guardrail.Protocol.Generic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace Guardrail.AspNetCore.Hosting;

/// <summary>The generic JSON APIs of <see cref="GuardrailOptions.Apis"/>: their startup checks and their adapters.</summary>
internal static class GenericApis
{
    /// <summary>The configuration key prefix of an API, for messages.</summary>
    public static string Where(string name) => $"{GuardrailOptions.SectionName}:Apis:{name}";

    /// <summary>Registers the startup checks of the configured APIs and of the route metadata naming adapters.</summary>
    public static void Register(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GuardrailOptions>, GenericApisValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProxyConfigFilter, GuardrailApiRouteFilter>());
    }

    /// <summary>An adapter per configured API (validated at startup, so every one builds).</summary>
    public static IEnumerable<IProtocolAdapter> Adapters(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<GuardrailOptions>>().Value;
        foreach (var (name, api) in options.Apis.OrderBy(a => a.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (GenericApi.TryCreate(name, Where(name), api, out var definition, out _)) yield return new GenericJsonAdapter(definition);
        }
    }
}

/// <summary>Checks every configured API at startup and lists every problem, paths outside the supported subset included.</summary>
internal sealed class GenericApisValidator : IValidateOptions<GuardrailOptions>
{
    public ValidateOptionsResult Validate(string? name, GuardrailOptions options)
    {
        var errors = new List<string>();
        var builtIn = ProtocolAdapters.BuiltIn().Select(a => a.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (api, settings) in options.Apis)
        {
            var where = GenericApis.Where(api);
            if (builtIn.Contains(api)) errors.Add($"{where}: '{api}' is the name of a built-in adapter; choose another name.");
            if (settings is null)
            {
                errors.Add($"{where} is empty; it needs at least Prompt and Answer.");
                continue;
            }
            GenericApi.TryCreate(api, where, settings, out _, out var problems);
            errors.AddRange(problems);
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
