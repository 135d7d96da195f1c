using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Verdicts;

public sealed class VerdictIdTests
{
    [Fact]
    public void IsValid_NewIds_True()
    {
        for (var i = 0; i < 100; i++) Assert.True(VerdictId.IsValid(VerdictId.New(TimeProvider.System)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gr_")]
    [InlineData("gr_01JDQ3ZK8W6V7X4Y2N5M9P0R1")]
    [InlineData("gr_01JDQ3ZK8W6V7X4Y2N5M9P0R1SS")]
    [InlineData("GR_01JDQ3ZK8W6V7X4Y2N5M9P0R1S")]
    [InlineData("gr_01jdq3zk8w6v7x4y2n5m9p0r1s")]
    [InlineData("gr_01JDQ3ZK8W6V7X4Y2N5M9P0RUS")]
    [InlineData("gr_01JDQ3ZK8W6V7X4Y2N5M9P0R S")]
    [InlineData("gr_81JDQ3ZK8W6V7X4Y2N5M9P0R1S")]
    public void IsValid_OtherShapes_False(string? id)
    {
        Assert.False(VerdictId.IsValid(id));
    }

    [Fact]
    public void IsValid_LargestTimestamp_True()
    {
        Assert.True(VerdictId.IsValid("gr_7ZZZZZZZZZZZZZZZZZZZZZZZZZ"));
    }
}
