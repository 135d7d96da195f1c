namespace Guardrail.Server.Hosting;

/// <summary>
/// Holds back the generic host's own report of a failure to start ("Hosting failed to start" with the stack trace):
/// <c>serve</c> reports the same failure as one line on standard error. Once the host has started, the host's log
/// lines pass again at Information and above, so a failing background service is still logged in full.
/// </summary>
internal sealed class StartupLogFilter
{
    /// <summary>The log category of <c>Microsoft.Extensions.Hosting.Internal.Host</c>.</summary>
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private volatile bool _started;

    /// <summary>Called when the host has started.</summary>
    public void Started() => _started = true;

    /// <summary>True when a line of <see cref="HostCategory"/> at <paramref name="level"/> is written.</summary>
    public bool Allows(LogLevel level) => level >= LogLevel.Information && (_started || level < LogLevel.Error);
}
