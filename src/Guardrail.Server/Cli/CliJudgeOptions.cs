using Guardrail.AspNetCore.Judging;

namespace Guardrail.Server.Cli;

/// <summary>The judge's options for an offline command: <c>Guardrail:Judge:*</c> from the environment, the flags over them.</summary>
internal static class CliJudgeOptions
{
    /// <summary>Binds <c>Guardrail__Judge__*</c> (the API key only ever comes from there) and applies the flags.</summary>
    public static JudgeOptions From(string upstream, string? model)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var options = new JudgeOptions();
        configuration.GetSection(JudgeOptions.SectionName).Bind(options);
        options.Upstream = upstream;
        if (model is not null) options.Model = model;
        return options;
    }
}
