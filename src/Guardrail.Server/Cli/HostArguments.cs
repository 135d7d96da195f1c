namespace Guardrail.Server.Cli;

/// <summary>
/// The host configuration tokens <c>serve</c> passes on to ASP.NET (<c>--Guardrail:WatchRules=false</c>,
/// <c>--Logging:LogLevel:Yarp Information</c>, and the <c>--contentRoot=…</c> style keys WebApplicationFactory adds).
/// Anything else left over is a typo, and a typo must not start a proxy with the wrong settings.
/// </summary>
internal static class HostArguments
{
    // Host settings without a section that WebApplicationFactory and `dotnet run` pass as --key=value.
    private static readonly string[] HostKeys = ["applicationName", "contentRoot", "environment"];

    /// <summary>
    /// Splits tokens the parser did not match into host configuration (returned) and the first token that is
    /// neither (<paramref name="bad"/>, null when all are configuration).
    /// </summary>
    public static string[] Split(IReadOnlyList<string> unmatched, out string? bad)
    {
        var host = new List<string>();
        bad = null;
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            if (!token.StartsWith("--", StringComparison.Ordinal))
            {
                bad = token;
                break;
            }
            var equals = token.IndexOf('=');
            var key = equals < 0 ? token[2..] : token[2..equals];
            if (!IsConfigurationKey(key))
            {
                bad = equals < 0 ? token : token[..equals];
                break;
            }
            host.Add(token);
            // "--Section:Key value": the value is the next token, as the command-line configuration provider reads it.
            if (equals < 0 && i + 1 < unmatched.Count && !unmatched[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                host.Add(unmatched[++i]);
            }
        }
        return [.. host];
    }

    // A configuration path (Section:Key) or a known host key; a bare word such as --upstrem is not configuration.
    private static bool IsConfigurationKey(string key) =>
        key.Length > 0
        && (key.Contains(':', StringComparison.Ordinal) && !key.StartsWith(':') && !key.EndsWith(':')
            || HostKeys.Contains(key, StringComparer.OrdinalIgnoreCase));
}
