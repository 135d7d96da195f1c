using CsvHelper;

namespace Guardrail.ML.Data;

/// <summary>The CSV dialect of the toxicity files: RFC 4180, a header row, quoted fields that may span lines.</summary>
internal static class CsvFormat
{
    public static CsvReaderOptions Options { get; } = new()
    {
        Separator = ',',
        HasHeader = true,
        AllowLineBreaksInQuotes = true,
    };
}
