using Guardrail.Detection;
using Guardrail.Rules;

namespace Guardrail.Core.Tests.Rules.Conditions;

internal static class ConditionTestContext
{
    public static RuleContext For(string text, params IDetector[] detectors) =>
        new(new TextTarget("response.choices[0].message", Direction.Response, "assistant", text), new DetectorRegistry(detectors));
}
