using Microsoft.ML;
using Microsoft.ML.Data;

namespace Guardrail.ML.Training;

/// <summary>One featurised training example as ML.NET sees it.</summary>
public sealed class FeatureRow
{
    /// <summary>The label.</summary>
    public bool Label { get; set; }

    /// <summary>Example weight (per-source balance).</summary>
    public float Weight { get; set; } = 1f;

    /// <summary>The hashed n-gram features.</summary>
    public VBuffer<float> Features { get; set; }

    /// <summary>A schema with the vector size fixed to <paramref name="dimensions"/>, which trainers require.</summary>
    public static SchemaDefinition Schema(int dimensions)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        return schema;
    }

    /// <summary>Loads rows as a cached data view.</summary>
    public static IDataView ToDataView(MLContext ml, IEnumerable<FeatureRow> rows, int dimensions) =>
        ml.Data.Cache(ml.Data.LoadFromEnumerable(rows, Schema(dimensions)));
}
