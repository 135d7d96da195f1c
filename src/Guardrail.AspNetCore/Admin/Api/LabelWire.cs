using Guardrail.Audit;

namespace Guardrail.AspNetCore.Admin.Api;

/// <summary>The wire names of <see cref="LabelKind"/>: <c>correct</c>, <c>false-positive</c>, <c>false-negative</c>.</summary>
internal static class LabelWire
{
    public static string ToWire(this LabelKind kind) => kind switch
    {
        LabelKind.Correct => "correct",
        LabelKind.FalsePositive => "false-positive",
        LabelKind.FalseNegative => "false-negative",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? value, out LabelKind kind)
    {
        switch (value)
        {
            case "correct": kind = LabelKind.Correct; return true;
            case "false-positive": kind = LabelKind.FalsePositive; return true;
            case "false-negative": kind = LabelKind.FalseNegative; return true;
            default: kind = default; return false;
        }
    }
}
