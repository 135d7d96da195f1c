using Guardrail.AspNetCore.Audit;
using Guardrail.AspNetCore.Metrics;
using Guardrail.Audit;
using Guardrail.Testing;
using Guardrail.Verdicts;
using Microsoft.Extensions.Options;

namespace Guardrail.AspNetCore.Tests.Audit;

public sealed class AuditWriterTests
{
    private readonly GuardrailMetrics _metrics = new(Prometheus.Metrics.NewCustomRegistry());

    private AuditWriter Writer(int capacity = 10, long characters = 1_000, bool enabled = true) =>
        new(Options.Create(new AuditOptions { QueueCapacity = capacity, QueueCharacters = characters, Enabled = enabled }), _metrics);

    private static AuditRecord Record(string id, int chars) => new(
        DateTimeOffset.UnixEpoch, "r", new Verdict { Id = id, Policy = "p" }, [new AuditedText("request.messages[0]", new string('x', chars))], AuditTextMode.Full);

    private async Task<string> MetricsAsync() => await MetricsText.OfAsync(_metrics.Registry);

    [Fact]
    public async Task TryWrite_QueueFull_FalseAndDroppedCounted()
    {
        var writer = Writer(capacity: 2);

        Assert.Equal([true, true, false, false], Enumerable.Range(0, 4).Select(i => writer.TryWrite(Record($"r{i}", 1))));
        var metrics = await MetricsAsync();
        Assert.Contains("guardrail_audit_records_total{result=\"dropped\"} 2", metrics);
        Assert.Contains("guardrail_audit_queue_length 2", metrics);
    }

    [Fact]
    public void TryWrite_OverCharacterBudget_DroppedUntilReadFreesIt()
    {
        var writer = Writer(characters: 100);

        Assert.True(writer.TryWrite(Record("a", 60)));
        Assert.False(writer.TryWrite(Record("b", 60)));
        Assert.True(writer.TryRead(out var first));
        Assert.Equal("a", first.Id);
        Assert.True(writer.TryWrite(Record("c", 60)));
    }

    [Fact]
    public void TryWrite_OneRecordOverBudgetEmptyQueue_Accepted()
    {
        var writer = Writer(characters: 100);

        Assert.True(writer.TryWrite(Record("big", 500)));
        Assert.False(writer.TryWrite(Record("small", 1)));
    }

    [Fact]
    public async Task TryWrite_Disabled_FalseNothingCounted()
    {
        var writer = Writer(enabled: false);

        Assert.False(writer.TryWrite(Record("a", 1)));
        Assert.Contains("guardrail_audit_records_total{result=\"dropped\"} 0", await MetricsAsync());
    }

    [Fact]
    public async Task TryWrite_AfterComplete_DroppedAndCounted()
    {
        var writer = Writer();
        writer.Complete();

        Assert.False(writer.TryWrite(Record("late", 1)));
        Assert.Contains("guardrail_audit_records_total{result=\"dropped\"} 1", await MetricsAsync());
    }
}
