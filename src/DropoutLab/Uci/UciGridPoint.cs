namespace DropoutLab.Uci;

/// <summary>One point of a split's grid search: the pair tried and its validation log-likelihood.</summary>
/// <param name="DropoutRate">The dropout rate on the inputs and the hidden layer.</param>
/// <param name="Tau">The model precision τ.</param>
/// <param name="ValidationLogLikelihood">The Monte-Carlo test log-likelihood on the validation rows.</param>
public sealed record UciGridPoint(double DropoutRate, double Tau, double ValidationLogLikelihood);
