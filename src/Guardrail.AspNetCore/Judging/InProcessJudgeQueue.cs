using Guardrail.Judging;
using System.Threading.Channels;

namespace Guardrail.AspNetCore.Judging;

/// <summary>The judge's queue in this process: a bounded channel that refuses, never waits, when full.</summary>
public sealed class InProcessJudgeQueue(int capacity) : IJudgeQueue
{
    // Wait mode with TryWrite: a full channel answers false at once, so the caller can count the drop.
    private readonly Channel<JudgeWork> _channel = Channel.CreateBounded<JudgeWork>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });

    /// <inheritdoc />
    public bool TryEnqueue(JudgeWork work) => _channel.Writer.TryWrite(work);

    /// <inheritdoc />
    public IAsyncEnumerable<JudgeWork> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);

    /// <inheritdoc />
    public int Count => _channel.Reader.Count;
}
