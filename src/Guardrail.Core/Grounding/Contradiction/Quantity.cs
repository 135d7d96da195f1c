namespace Guardrail.Grounding.Contradiction;

/// <summary>What a quantity measures; only quantities of one family can contradict each other.</summary>
public enum QuantityKind
{
    /// <summary>A bare count or figure ("12 stations").</summary>
    Number,

    /// <summary>A calendar year ("in 1937").</summary>
    Year,

    /// <summary>A date with a month, and a day where written ("May 27, 1937", "1937年5月27日").</summary>
    Date,

    /// <summary>A share ("20%", "20 percent", "百分之二十" is not read).</summary>
    Percent,

    /// <summary>An amount of money, in its currency's units ("$3 million").</summary>
    Money,

    /// <summary>A mass, in grams ("20 mg").</summary>
    Mass,

    /// <summary>A length, in metres ("1,280 metres", "3.5 km").</summary>
    Length,

    /// <summary>A volume, in litres ("5 ml").</summary>
    Volume,
}

/// <summary>A number the text states, normalised: <paramref name="Value"/> in the kind's base unit (dates as yyyymmdd, with 0 for an unwritten day).</summary>
/// <param name="Kind">What it measures.</param>
/// <param name="Value">The normalised value.</param>
/// <param name="Start">Start of its surface in the text.</param>
/// <param name="End">End of its surface (exclusive).</param>
public readonly record struct Quantity(QuantityKind Kind, decimal Value, int Start, int End)
{
    /// <summary>The upper end of a range ("1903–1911", "between 5 and 10 mg"); null for a single value.</summary>
    public decimal? High { get; init; }

    /// <summary>The quantity as written.</summary>
    public string Surface(string text) => text[Start..End];

    /// <summary>The year a year or date names; 0 for other kinds (whose values can be far beyond any year).</summary>
    public int Year => Kind switch
    {
        QuantityKind.Date => (int)(Value / 10000),
        QuantityKind.Year => (int)Value,
        _ => 0,
    };

    /// <summary>Whether two quantities can be compared (a year and a date can: by their year).</summary>
    public bool SameFamily(Quantity other) =>
        Kind == other.Kind || (Kind is QuantityKind.Year or QuantityKind.Date && other.Kind is QuantityKind.Year or QuantityKind.Date);

    /// <summary>Whether the two state the same value: equal after normalisation (within rounding), a year equal to a date's year, a date without a day equal to the same month.</summary>
    public bool Agrees(Quantity other)
    {
        if (!SameFamily(other)) return false;
        if (High is not null || other.High is not null)
        {
            // A value inside a range, or a range inside another, says nothing the range contradicts.
            var (low, high) = (Comparable(this), Comparable(this, high: true));
            var (otherLow, otherHigh) = (Comparable(other), Comparable(other, high: true));
            return (low >= otherLow && high <= otherHigh) || (otherLow >= low && otherHigh <= high);
        }
        if (Kind != other.Kind || Kind == QuantityKind.Date)
        {
            if (Kind != QuantityKind.Date || other.Kind != QuantityKind.Date) return Year == other.Year;
            var (a, b) = ((long)Value, (long)other.Value);
            if (a / 100 != b / 100) return false;
            return a % 100 == 0 || b % 100 == 0 || a == b;
        }
        if (Value == other.Value) return true;
        // "1.28 km" and "1,280 metres", "3.5 million" and "3,500,000" are equal as decimals already; the tolerance only
        // absorbs unit factors that are not exact ("5 miles" against "8.05 km" is not one: 1,280 and 1,281 must differ).
        var scale = Math.Max(Math.Abs(Value), Math.Abs(other.Value));
        return scale > 0 && Math.Abs(Value - other.Value) / scale < 0.00001m;
    }

    // Years and dates compare by year when either is a year; others by value.
    private static decimal Comparable(Quantity q, bool high = false)
    {
        var v = high ? q.High ?? q.Value : q.Value;
        return q.Kind == QuantityKind.Date ? Math.Floor(v / 10000) : v;
    }
}
