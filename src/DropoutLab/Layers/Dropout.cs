using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Layers;

// Dimension key: n = units, m = examples. X, Y, mask : n × m.

/// <summary>
/// Dropout (Hinton et al. 2012; Srivastava et al., JMLR 2014). During training each element is kept with
/// probability keepProb and zeroed otherwise: mᵢ ~ Bernoulli(keepProb), drawn as uᵢ &lt; keepProb with
/// uᵢ ~ U[0, 1) from the injected generator in row-major order (numpy's <c>rand(n, m) &lt; keep_prob</c>).
/// The scaling rule decides where the factor keepProb is compensated; see <see cref="DropoutScaling"/>.
/// keepProb = 1 is the identity in every mode.
/// </summary>
public sealed class Dropout<T> : ILayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly IRandomSource _random;
    private readonly T _keep;
    private Matrix<T>? _mask;
    private Matrix<T>? _output;
    private Matrix<T>? _inputGradient;
    private bool _lastPassTrained;

    /// <summary>Creates a dropout layer.</summary>
    /// <param name="keepProb">Probability of keeping a unit, in (0, 1].</param>
    /// <param name="scaling">Where the expectation is restored.</param>
    /// <param name="random">The generator the masks are drawn from.</param>
    /// <exception cref="ArgumentOutOfRangeException">keepProb is outside (0, 1] or not a number.</exception>
    public Dropout(double keepProb, DropoutScaling scaling, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckKeepProb(keepProb);
        if (!Enum.IsDefined(scaling))
        {
            throw new ArgumentOutOfRangeException(nameof(scaling), scaling, "Unknown dropout scaling rule.");
        }

        KeepProb = keepProb;
        Scaling = scaling;
        _random = random;
        _keep = T.CreateChecked(keepProb);
    }

    /// <summary>Probability of keeping a unit.</summary>
    public double KeepProb { get; }

    /// <summary>The scaling rule.</summary>
    public DropoutScaling Scaling { get; }

    /// <summary>
    /// When true, a training pass reuses the last mask instead of drawing a new one. The course code reseeds the
    /// generator before every pass, which draws the same mask every time; reusing it is the same thing, cheaper.
    /// </summary>
    public bool ReuseMask { get; set; }

    /// <summary>The mask of the last training pass (1 kept, 0 dropped), or null before the first.</summary>
    public Matrix<T>? Mask => _mask;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 0 &lt; keepProb ≤ 1.</summary>
    public static void CheckKeepProb(double keepProb)
    {
        if (!(keepProb > 0.0 && keepProb <= 1.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(keepProb),
                keepProb,
                string.Create(CultureInfo.InvariantCulture, $"keepProb must be in (0, 1], but got {keepProb}."));
        }
    }

    /// <inheritdoc />
    public int OutputSize(int inputSize) => inputSize;

    // Forward (train): y = m⊙a/keepProb (inverted) or y = m⊙a (at-inference, none)
    // Forward (eval):  y = a (inverted, none) or y = keepProb·a (at-inference)
    /// <inheritdoc />
    public Matrix<T> Forward(Matrix<T> input, Mode mode)
    {
        ArgumentNullException.ThrowIfNull(input);
        _lastPassTrained = mode == Mode.Train && KeepProb < 1.0;
        if (KeepProb >= 1.0)
        {
            return input;
        }

        _output = Matrix<T>.Reuse(_output, input.Rows, input.Columns);
        if (mode == Mode.Eval)
        {
            if (Scaling == DropoutScaling.AtInference)
            {
                Numerics.ElementwiseKernels.Scale<T>(input.Data, _keep, _output.Data);
            }
            else
            {
                input.Data.CopyTo(_output.Data, 0);
            }

            return _output;
        }

        bool sameShape = _mask is not null && _mask.HasShape(input.Rows, input.Columns);
        if (!(ReuseMask && sameShape))
        {
            _mask = Matrix<T>.Reuse(_mask, input.Rows, input.Columns);
            DrawMask(_mask.Data);
        }

        ElementwiseKernels.MultiplyMask<T>(input.Data, _mask!.Data, _keep, Scaling == DropoutScaling.Inverted, _output.Data);
        return _output;
    }

    // Backward: dA = m⊙dY/keepProb (inverted) or dA = m⊙dY (at-inference, none), with the forward pass's mask
    /// <inheritdoc />
    public Matrix<T>? Backward(Matrix<T> outputGradient, bool computeInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!computeInputGradient)
        {
            return null;
        }

        if (!_lastPassTrained)
        {
            return KeepProb >= 1.0 || Scaling != DropoutScaling.AtInference ? outputGradient : ScaleEvalGradient(outputGradient);
        }

        Matrix<T> mask = _mask!;
        _inputGradient = Matrix<T>.Reuse(_inputGradient, mask.Rows, mask.Columns);
        ElementwiseKernels.MultiplyMask<T>(outputGradient.Data, mask.Data, _keep, Scaling == DropoutScaling.Inverted, _inputGradient.Data);
        return _inputGradient;
    }

    private Matrix<T> ScaleEvalGradient(Matrix<T> outputGradient)
    {
        _inputGradient = Matrix<T>.Reuse(_inputGradient, outputGradient.Rows, outputGradient.Columns);
        Numerics.ElementwiseKernels.Scale<T>(outputGradient.Data, _keep, _inputGradient.Data);
        return _inputGradient;
    }

    // mᵢ = [uᵢ < keepProb], the uᵢ drawn in bulk (the same numbers as one NextDouble per element, in order)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DrawMask(Span<T> mask)
    {
        double keepProb = KeepProb;
        if (typeof(T) == typeof(double))
        {
            Span<double> uniforms = MemoryMarshal.Cast<T, double>(mask);
            _random.NextDoubles(uniforms);
            ElementwiseKernels.Below(uniforms, keepProb, uniforms);
            return;
        }

        const int Chunk = 256;
        Span<double> chunk = stackalloc double[Chunk];
        for (int start = 0; start < mask.Length; start += Chunk)
        {
            Span<double> draws = chunk[..Math.Min(Chunk, mask.Length - start)];
            _random.NextDoubles(draws);
            for (int i = 0; i < draws.Length; i++)
            {
                mask[start + i] = draws[i] < keepProb ? T.One : T.Zero;
            }
        }
    }
}
