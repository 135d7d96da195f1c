using System.Threading.Channels;
using Guardrail.Audit;
using Guardrail.AspNetCore.Metrics;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Guardrail.AspNetCore.Audit;

/// <summary>
/// The hot path's audit sink: a queue bounded in records and in characters of text that never blocks. A full queue (the
/// store is slow, down, or the disk is full) drops the record and counts it; <see cref="AuditWriterService"/> drains the
/// queue to the store in batches.
/// </summary>
internal sealed class AuditWriter : IAuditSink
{
    private readonly Channel<AuditRecord> _queue;
    private readonly Counter.Child _dropped;
    private readonly long _characterLimit;
    private long _characters;

    public AuditWriter(IOptions<AuditOptions> options, GuardrailMetrics metrics)
    {
        Enabled = options.Value.Enabled;
        _characterLimit = options.Value.QueueCharacters;
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

    /// <summary>Records waiting.</summary>
    public int Count => _queue.Reader.Count;

    public bool TryWrite(AuditRecord record)
    {
        if (!Enabled) return false;
        var size = Size(record);
        var total = Interlocked.Add(ref _characters, size);
        // One record larger than the whole budget still goes through when nothing else is waiting.
        if ((total <= _characterLimit || total == size) && _queue.Writer.TryWrite(record)) return true;
        Interlocked.Add(ref _characters, -size);
        _dropped.Inc();
        return false;
    }

    /// <summary>Waits until a record is queued; false once the queue is completed and empty.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken ct) => _queue.Reader.WaitToReadAsync(ct);

    /// <summary>Takes the oldest record, if any.</summary>
    public bool TryRead(out AuditRecord record)
    {
        if (!_queue.Reader.TryRead(out record!)) return false;
        Interlocked.Add(ref _characters, -Size(record));
        return true;
    }

    /// <summary>Refuses further records (they count as dropped); the writer then flushes what is queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private static long Size(AuditRecord record)
    {
        long size = 0;
        foreach (var t in record.Texts) size += t.Text.Length;
        return size;
    }
}
