namespace Guardrail.Server.Hosting;

/// <summary>Turns a failure to build or start the host into the message <c>serve</c> prints instead of a stack trace.</summary>
internal static class StartupErrors
{
    /// <summary>
    /// The message of <paramref name="exception"/>, with the causes a wrapper's message leaves out (YARP's "Unable to
    /// load or apply the proxy configuration." says nothing without them); several failures are joined with "; ".
    /// </summary>
    public static string Describe(Exception exception)
    {
        if (exception is AggregateException aggregate) return string.Join("; ", aggregate.InnerExceptions.Select(Describe).Distinct());
        if (exception.InnerException is not { } inner) return exception.Message;
        var cause = Describe(inner);
        return exception.Message.Contains(cause, StringComparison.OrdinalIgnoreCase)
            ? exception.Message
            : $"{exception.Message.TrimEnd('.')}: {cause}";
    }
}
