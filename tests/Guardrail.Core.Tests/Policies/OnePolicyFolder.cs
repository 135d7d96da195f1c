using Guardrail.Core.Tests.Rules;
using Guardrail.Rules.Loading;

namespace Guardrail.Core.Tests.Policies;

/// <summary>A rules folder with one email rule and one policy <c>p</c>, loaded: what the policy section tests parse.</summary>
internal static class OnePolicyFolder
{
    public static RuleLoadResult Load(string policyYaml)
    {
        using var dir = new TempRulesFolder()
            .Write("pii/email.yaml", RuleYaml.Email)
            .Write("policies/p.yaml", policyYaml);
        return RuleLoader.Load(dir.Path, ["pii"]);
    }
}
