namespace DropoutLab.Uci;

/// <summary>A training of the protocol has finished: <see cref="Done"/> of <see cref="Total"/> in the run.</summary>
/// <param name="Done">Trainings finished so far (grid points and final trainings).</param>
/// <param name="Total">Trainings in the run: splits × (grid points + 1).</param>
/// <param name="Split">The split of the training that finished.</param>
/// <param name="Final">Whether it was the split's final training (else a grid point).</param>
public readonly record struct UciProgress(int Done, int Total, int Split, bool Final);
