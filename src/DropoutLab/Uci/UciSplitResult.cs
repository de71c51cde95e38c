namespace DropoutLab.Uci;

/// <summary>
/// The protocol's result on one split: the chosen pair, the test RMSE of the deterministic (weight-averaged)
/// prediction, the RMSE of the Monte-Carlo mean and the Monte-Carlo test log-likelihood, with the grid that chose
/// the pair and the SHA-256 of the final network's parameters.
/// </summary>
/// <param name="Split">K of index_train_K.txt.</param>
/// <param name="DropoutRate">The chosen dropout rate.</param>
/// <param name="Tau">The chosen τ.</param>
/// <param name="Rmse">Test RMSE of the prediction with dropout off.</param>
/// <param name="McRmse">Test RMSE of the mean of the Monte-Carlo passes.</param>
/// <param name="LogLikelihood">Mean test log-likelihood of the Monte-Carlo mixture.</param>
/// <param name="Grid">Every grid point in the order tried (rates outer, τ inner).</param>
/// <param name="ParameterHash">SHA-256 of the final network's parameters.</param>
public sealed record UciSplitResult(int Split, double DropoutRate, double Tau, double Rmse, double McRmse, double LogLikelihood, IReadOnlyList<UciGridPoint> Grid, string ParameterHash)
{
    /// <summary>The final network's test predictions (null when read back from a results file).</summary>
    public UciTestPredictions? TestPredictions { get; init; }

    /// <summary>Whether both results hold the same numbers, bit for bit (records compare lists by reference).</summary>
    public bool SameAs(UciSplitResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Split == other.Split && DropoutRate.Equals(other.DropoutRate) && Tau.Equals(other.Tau) && Rmse.Equals(other.Rmse)
            && McRmse.Equals(other.McRmse) && LogLikelihood.Equals(other.LogLikelihood) && ParameterHash == other.ParameterHash
            && Grid.SequenceEqual(other.Grid);
    }
}
