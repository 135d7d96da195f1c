using System.Globalization;

namespace Guardrail.Bench.Load;

/// <summary>CPU time of a process and its children from <c>/proc</c> (nginx's worker is the master's child).</summary>
public static class ProcessStats
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User + system CPU seconds of <paramref name="pid"/> and its direct children.</summary>
    public static double CpuSeconds(int pid)
    {
        var total = Ticks(pid);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var child) || child == pid) continue;
            var fields = Fields(child);
            if (fields is not null && fields.Length > 3 && fields[3] == pid.ToString(CultureInfo.InvariantCulture)) total += Ticks(child);
        }
        return total / TicksPerSecond;
    }

    // Fields of /proc/PID/stat after the command name (which may hold spaces): state is [2], ppid [3], utime [13], stime [14].
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return ("x x " + stat[(close + 2)..]).Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double Ticks(int pid)
    {
        var f = Fields(pid);
        if (f is null || f.Length < 15) return 0;
        return double.Parse(f[13], CultureInfo.InvariantCulture) + double.Parse(f[14], CultureInfo.InvariantCulture);
    }
}
