using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Guardrail.ML.Runtime;

/// <summary>Input row of a prediction engine: the sparse feature vector.</summary>
internal sealed class ScoreInput
{
    public VBuffer<float> Features { get; set; }

    public static SchemaDefinition Schema(int dimensions)
    {
        var schema = SchemaDefinition.Create(typeof(ScoreInput));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        return schema;
    }
}

/// <summary>Output row of a prediction engine.</summary>
internal sealed class ScoreOutput
{
    public float Score { get; set; }

    public float Probability { get; set; }
}

/// <summary>Finds the linear model's weights inside a loaded transformer, for feature contributions.</summary>
internal static class LinearWeights
{
    public static float[] Find(ITransformer model)
    {
        foreach (var t in Flatten(model))
        {
            if (t is not ISingleFeaturePredictionTransformer<object> p) continue;
            var linear = p.Model as LinearModelParameters
                // Calibrated models wrap the linear one; after loading, only the non-generic view is reliable.
                ?? p.Model.GetType().GetProperties().Where(x => x.Name == "SubModel").Select(x => x.GetValue(p.Model)).OfType<LinearModelParameters>().FirstOrDefault();
            if (linear is not null) return linear.Weights.ToArray();
        }
        throw new InvalidDataException("the model holds no linear predictor");
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer t) =>
        t is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [t];
}
