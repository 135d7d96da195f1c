using Guardrail.Policies;
using Guardrail.Rules.Loading;

namespace Guardrail.Rules.Reload;

/// <summary>
/// Holds the rules and policies in force and reloads them when the folder changes: a good set is swapped
/// in atomically, a bad one is reported and the last good set stays (DESIGN.md §6, §8).
/// </summary>
public sealed class RuleSetProvider : IDisposable
{
    /// <summary>How long the folder must be quiet before a reload: editors and ConfigMap updates write in bursts.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    private readonly string _directory;
    private readonly IReadOnlyCollection<string> _knownDetectors;
    private readonly TimeProvider _time;
    private readonly Lock _reloadLock = new();
    private RuleSetSnapshot _current;
    private FileSystemWatcher? _watcher;
    private ITimer? _timer;
    private bool _disposed;

    /// <summary>Loads the folder once. When that fails, <see cref="Current"/> is an empty set with the built-in default policy and <see cref="LastResult"/> holds the errors, so a host can refuse to start.</summary>
    public RuleSetProvider(string directory, IReadOnlyCollection<string> knownDetectors, TimeProvider timeProvider)
    {
        _directory = directory;
        _knownDetectors = knownDetectors;
        _time = timeProvider;
        _current = new RuleSetSnapshot(RuleSet.Empty, new Dictionary<string, Policy> { ["default"] = Policy.Default }, _time.GetUtcNow());
        LastResult = Load();
    }

    /// <summary>The snapshot in force; read it once per exchange so one exchange sees one consistent set.</summary>
    public RuleSetSnapshot Current => Volatile.Read(ref _current);

    /// <summary>The outcome of the latest load or reload.</summary>
    public RuleReloadResult LastResult { get; private set; }

    /// <summary>Raised after each reload attempt (not the initial load), on the thread that reloaded.</summary>
    public event Action<RuleReloadResult>? Reloaded;

    /// <summary>Reloads now; swaps only when the whole folder is valid.</summary>
    public RuleReloadResult Reload()
    {
        var result = Load();
        try
        {
            Reloaded?.Invoke(result);
        }
        catch (Exception)
        {
            // A failing subscriber (metrics, logging) must not break reloads or crash the timer thread.
        }
        return result;
    }

    /// <summary>Watches the folder and reloads after changes settle for <see cref="Debounce"/>.</summary>
    public void StartWatching()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_watcher is not null) return;
        _timer = _time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var watcher = new FileSystemWatcher(_directory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, _) => Schedule();
        watcher.Created += (_, _) => Schedule();
        watcher.Deleted += (_, _) => Schedule();
        watcher.Renamed += (_, _) => Schedule();
        watcher.Error += (_, _) => Schedule(); // a lost event (buffer overflow) may hide a change: reload to be safe
        watcher.EnableRaisingEvents = true;
        _watcher = watcher;
    }

    /// <summary>Stops watching.</summary>
    public void Dispose()
    {
        _disposed = true;
        _watcher?.Dispose();
        _timer?.Dispose();
    }

    // Each event pushes the deadline back, so a burst of writes causes a single reload.
    private void Schedule() => _timer?.Change(Debounce, Timeout.InfiniteTimeSpan);

    private RuleReloadResult Load()
    {
        // Serialised so a slow older load can never overwrite the result of a newer one.
        lock (_reloadLock)
        {
            var loaded = RuleLoader.Load(_directory, _knownDetectors);
            if (loaded.Success)
            {
                var snapshot = new RuleSetSnapshot(loaded.RuleSet!, loaded.Policies, _time.GetUtcNow());
                Interlocked.Exchange(ref _current, snapshot);
                return LastResult = new RuleReloadResult(true, [], snapshot);
            }
            return LastResult = new RuleReloadResult(false, loaded.Errors, Current);
        }
    }
}
