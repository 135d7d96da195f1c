using System.Threading.Channels;
using Guardrail.Audit;
using Guardrail.AspNetCore.Metrics;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Guardrail.AspNetCore.Audit;

/// <summary>
/// The hot path's audit sink: a bounded queue that never blocks. A full queue (the store is slow, down, or the disk is
/// full) drops the record and counts it; <see cref="AuditWriterService"/> drains the queue to the store in batches.
/// </summary>
internal sealed class AuditWriter : IAuditSink
{
    private readonly Channel<AuditRecord> _queue;
    private readonly Counter.Child _dropped;

    public AuditWriter(IOptions<AuditOptions> options, GuardrailMetrics metrics)
    {
        Enabled = options.Value.Enabled;
        // Wait mode makes TryWrite refuse when full (DropWrite would accept and discard silently, uncounted).
        _queue = Channel.CreateBounded<AuditRecord>(new BoundedChannelOptions(Math.Max(1, options.Value.QueueCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _dropped = metrics.AuditRecords.WithLabels(AuditRecordResult.Dropped);
        // Read at scrape time, so the gauge costs the hot path nothing.
        metrics.Registry.AddBeforeCollectCallback(() => metrics.AuditQueueLength.Set(_queue.Reader.Count));
    }

    /// <summary>False when <see cref="AuditOptions.Enabled"/> is off: nothing is queued or counted.</summary>
    public bool Enabled { get; }

    /// <summary>The queue's reading end, for the background writer.</summary>
    public ChannelReader<AuditRecord> Reader => _queue.Reader;

    public bool TryWrite(AuditRecord record)
    {
        if (!Enabled) return false;
        if (_queue.Writer.TryWrite(record)) return true;
        _dropped.Inc();
        return false;
    }

    /// <summary>Refuses further records (they count as dropped); the writer then flushes what is queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();
}
