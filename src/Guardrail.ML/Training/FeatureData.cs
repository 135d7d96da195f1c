using Microsoft.ML;
using Microsoft.ML.Data;

namespace Guardrail.ML.Training;

/// <summary>Turns featurised rows (any row type with a <c>Features</c> vector column) into ML.NET data views.</summary>
public static class FeatureData
{
    /// <summary>A schema for <typeparamref name="TRow"/> with the vector size fixed to <paramref name="dimensions"/>, which trainers require.</summary>
    public static SchemaDefinition Schema<TRow>(int dimensions)
    {
        var schema = SchemaDefinition.Create(typeof(TRow));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        return schema;
    }

    /// <summary>Loads rows as a cached data view.</summary>
    public static IDataView Load<TRow>(MLContext ml, IEnumerable<TRow> rows, int dimensions) where TRow : class =>
        ml.Data.Cache(ml.Data.LoadFromEnumerable(rows, Schema<TRow>(dimensions)));
}
