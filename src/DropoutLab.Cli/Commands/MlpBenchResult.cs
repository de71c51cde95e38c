namespace DropoutLab.Cli.Commands;

/// <summary>A timed run of training steps.</summary>
/// <param name="Warmup">Untimed steps before the clock started.</param>
/// <param name="Steps">Timed steps.</param>
/// <param name="Seconds">Wall-clock seconds of the timed steps.</param>
/// <param name="FlopsPerStep">Counted FLOPs per step, 6·B·Σₗ nₗ·nₗ₋₁.</param>
/// <param name="LastLoss">Mean cross-entropy of the last timed step's batch (a sanity check that it trains).</param>
public sealed record MlpBenchResult(int Warmup, int Steps, double Seconds, double FlopsPerStep, double LastLoss)
{
    /// <summary>Steps / seconds.</summary>
    public double StepsPerSecond => Steps / Seconds;

    /// <summary>FLOPs per step · steps / seconds / 10⁹.</summary>
    public double Gflops => FlopsPerStep * Steps / Seconds / 1e9;
}
