using Guardrail.Judging;
using Microsoft.Extensions.DependencyInjection;

namespace Guardrail.AspNetCore.Judging;

/// <summary>A judge outside a host (<c>guardrail rules test --judge-upstream</c>), with the same resilience pipeline as serve's.</summary>
public sealed class StandaloneJudge : IDisposable
{
    private readonly ServiceProvider _services;

    /// <summary>Builds the judge's HttpClient in its own small service provider.</summary>
    public StandaloneJudge(JudgeOptions options, Constitution constitution)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(JudgeServiceCollectionExtensions.HttpClientName)
            .AddStandardResilienceHandler(resilience => JudgeServiceCollectionExtensions.Configure(resilience, options));
        _services = services.BuildServiceProvider();
        Judge = new OpenAiJudge(_services.GetRequiredService<IHttpClientFactory>().CreateClient(JudgeServiceCollectionExtensions.HttpClientName), options, constitution);
    }

    /// <summary>The judge.</summary>
    public IJudge Judge { get; }

    /// <inheritdoc />
    public void Dispose() => _services.Dispose();
}
