using DropoutLab.Data;
using DropoutLab.Numerics;
using DropoutLab.Training;

namespace DropoutLab.Experiments;

/// <summary>
/// A trained two-feature classifier evaluated on a regular grid, as the course's plot_decision_boundary does:
/// Probability[r, c] = P(y = 1 | x₁ = X1[c], x₂ = X2[r]) with dropout at its inference rule (row 0 is the lowest x₂).
/// </summary>
public sealed class DecisionGrid
{
    private DecisionGrid(double[] x1, double[] x2, double[,] probability)
    {
        X1 = x1;
        X2 = x2;
        Probability = probability;
    }

    /// <summary>The grid's x₁ values, increasing.</summary>
    public IReadOnlyList<double> X1 { get; }

    /// <summary>The grid's x₂ values, increasing.</summary>
    public IReadOnlyList<double> X2 { get; }

#pragma warning disable CA1814 // a rectangular grid is the point
    /// <summary>P(y = 1) at (X1[c], X2[r]) in [r, c].</summary>
    public double[,] Probability { get; }
#pragma warning restore CA1814

    /// <summary>
    /// The grid over the data's range widened by <paramref name="margin"/> on each side, with
    /// <paramref name="steps"/> points per axis.
    /// </summary>
    /// <exception cref="DataFormatException">The data does not have exactly two features.</exception>
    public static DecisionGrid Evaluate(Sequential<double> network, Dataset data, int steps = 200, double margin = 0.1)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        if (data.FeatureCount != 2)
        {
            throw new DataFormatException($"has {data.FeatureCount} feature columns; a decision boundary needs 2.", data.Source);
        }

        double[] x1 = Axis(data.Features.Row(0), steps, margin);
        double[] x2 = Axis(data.Features.Row(1), steps, margin);

        // One column per grid point, x₁ varying fastest: column r·steps + c is (x1[c], x2[r]).
        var points = new Matrix<double>(2, steps * steps);
        for (int r = 0; r < steps; r++)
        {
            for (int c = 0; c < steps; c++)
            {
                points[0, (r * steps) + c] = x1[c];
                points[1, (r * steps) + c] = x2[r];
            }
        }

        double[] probabilities = CourseExperiment.Predict(network, points);
#pragma warning disable CA1814
        var grid = new double[steps, steps];
#pragma warning restore CA1814
        for (int r = 0; r < steps; r++)
        {
            for (int c = 0; c < steps; c++)
            {
                grid[r, c] = probabilities[(r * steps) + c];
            }
        }

        return new DecisionGrid(x1, x2, grid);
    }

    // steps evenly spaced values from min − margin to max + margin
    private static double[] Axis(ReadOnlySpan<double> values, int steps, double margin)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (double value in values)
        {
            low = Math.Min(low, value);
            high = Math.Max(high, value);
        }

        low -= margin;
        high += margin;
        return [.. Enumerable.Range(0, steps).Select(i => low + ((high - low) * i / (steps - 1)))];
    }
}
