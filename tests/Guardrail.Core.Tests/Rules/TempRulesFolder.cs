namespace Guardrail.Core.Tests.Rules;

/// <summary>A throw-away rules folder; files are written with '/' paths relative to it.</summary>
internal sealed class TempRulesFolder : IDisposable
{
    public TempRulesFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "guardrail-rules-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public TempRulesFolder Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // best effort: a watcher may still hold a handle briefly
    }
}
