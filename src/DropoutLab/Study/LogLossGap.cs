namespace DropoutLab.Study;

/// <summary>
/// At one keepProb, the test log-loss gap g(d) = L̄(no scaling, plain) − L̄(inverted, plain) of the mean test
/// log-losses over seeds, at the shallowest and at the deepest depth of a study.
/// </summary>
/// <param name="KeepProb">Probability of keeping a hidden unit.</param>
/// <param name="Shallow">g at the shallowest depth.</param>
/// <param name="Deep">g at the deepest depth.</param>
public readonly record struct LogLossGap(double KeepProb, double Shallow, double Deep)
{
    /// <summary>g(deep) &gt; g(shallow); false when either is NaN.</summary>
    public bool Grows => Deep > Shallow;
}
