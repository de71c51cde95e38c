using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DropoutLab.Numerics.Functions;

namespace DropoutLab.Numerics;

// Dimension key as in ColumnKernels: W : o × i, X : i × m, Z, dZ : o × m, dW : o × i, dX : i × m, b : o.

/// <summary>
/// The float64 kernels of the course network written as plain double loops: each output element is the same
/// sequence of IEEE 754 operations, in the same order, as in <see cref="ColumnKernels"/>, <see cref="Numerics.PairwiseSum"/>,
/// <see cref="Functions.ExpOperator{T}"/> and the dropout pass, so the results have the same bits. They run where
/// the IL is interpreted (the browser), in which the generic lane wrappers cost a call per arithmetic operation;
/// elsewhere the vector kernels are faster.
/// </summary>
internal static class PlainLoops
{
    private static readonly bool InterpretedPlatform = OperatingSystem.IsBrowser();

    [ThreadStatic]
    private static bool t_forced;

    /// <summary>Whether the float64 kernels take these loops: in the browser, or when a test forces them on this thread.</summary>
    public static bool Enabled => InterpretedPlatform || t_forced;

    /// <summary>Makes this thread's float64 kernels take the plain loops (for tests: the results must not change).</summary>
    internal static bool ForcedOnThisThread
    {
        get => t_forced;
        set => t_forced = value;
    }

    /// <summary>A span of T = double seen as doubles.</summary>
    internal static ReadOnlySpan<double> AsDouble<T>(ReadOnlySpan<T> span)
        where T : unmanaged
        => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(span)), span.Length);

    /// <summary>A span of T = double seen as doubles.</summary>
    internal static Span<double> AsDouble<T>(Span<T> span)
        where T : unmanaged
        => MemoryMarshal.CreateSpan(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(span)), span.Length);

    /// <summary>A T = double seen as a double.</summary>
    internal static double AsDouble<T>(T value)
        where T : unmanaged
        => Unsafe.As<T, double>(ref value);

    /// <summary>Zᵣⱼ = (Σₖ Wᵣₖ·Xₖⱼ) + bᵣ, the sum from the k = 0 product in k order (<see cref="ColumnKernels.Affine{T}(Matrix{T}, Matrix{T}, ReadOnlySpan{T}, Matrix{T})"/>).</summary>
    public static unsafe void Affine(double[] weights, double[] input, ReadOnlySpan<double> bias, double[] output, int o, int i, int m)
    {
        CheckLength(weights.Length, o * i);
        CheckLength(input.Length, i * m);
        CheckLength(output.Length, o * m);
        CheckLength(bias.Length, o);
        fixed (double* wp = weights, xp = input, zp = output)
        {
            for (int r = 0; r < o; r++)
            {
                double* z = zp + ((nint)r * m), end = z + m;
                double* w = wp + ((nint)r * i);
                double b = bias[r];
                if (i == 0)
                {
                    for (; z < end; z++)
                    {
                        *z = b;
                    }

                    continue;
                }

                double* x0 = xp;
                double w0 = w[0];
                if (i == 1)
                {
                    for (; z < end; z++, x0++)
                    {
                        *z = (w0 * *x0) + b;
                    }

                    continue;
                }

                double* x1 = xp + m;
                double w1 = w[1];
                if (i == 2)
                {
                    for (double* end4 = z + (m & ~3); z < end4; z += 4, x0 += 4, x1 += 4)
                    {
                        z[0] = ((w0 * x0[0]) + (w1 * x1[0])) + b;
                        z[1] = ((w0 * x0[1]) + (w1 * x1[1])) + b;
                        z[2] = ((w0 * x0[2]) + (w1 * x1[2])) + b;
                        z[3] = ((w0 * x0[3]) + (w1 * x1[3])) + b;
                    }

                    for (; z < end; z++, x0++, x1++)
                    {
                        *z = ((w0 * *x0) + (w1 * *x1)) + b;
                    }

                    continue;
                }

                double* zj = z;
                for (double* end4 = z + (m & ~3); zj < end4; zj += 4, x0 += 4, x1 += 4)
                {
                    zj[0] = (w0 * x0[0]) + (w1 * x1[0]);
                    zj[1] = (w0 * x0[1]) + (w1 * x1[1]);
                    zj[2] = (w0 * x0[2]) + (w1 * x1[2]);
                    zj[3] = (w0 * x0[3]) + (w1 * x1[3]);
                }

                for (; zj < end; zj++, x0++, x1++)
                {
                    *zj = (w0 * *x0) + (w1 * *x1);
                }

                // Two more terms per sweep while more than two remain, then the last one or two with the bias.
                int k = 2;
                for (; k + 2 < i; k += 2)
                {
                    double* xa = xp + ((nint)k * m), xb = xa + m;
                    double wa = w[k], wb = w[k + 1];
                    zj = z;
                    for (double* end4 = z + (m & ~3); zj < end4; zj += 4, xa += 4, xb += 4)
                    {
                        zj[0] = (zj[0] + (wa * xa[0])) + (wb * xb[0]);
                        zj[1] = (zj[1] + (wa * xa[1])) + (wb * xb[1]);
                        zj[2] = (zj[2] + (wa * xa[2])) + (wb * xb[2]);
                        zj[3] = (zj[3] + (wa * xa[3])) + (wb * xb[3]);
                    }

                    for (; zj < end; zj++, xa++, xb++)
                    {
                        *zj = (*zj + (wa * *xa)) + (wb * *xb);
                    }
                }

                if (k + 2 == i)
                {
                    double* xa = xp + ((nint)k * m), xb = xa + m;
                    double wa = w[k], wb = w[k + 1];
                    for (double* end4 = z + (m & ~3); z < end4; z += 4, xa += 4, xb += 4)
                    {
                        z[0] = ((z[0] + (wa * xa[0])) + (wb * xb[0])) + b;
                        z[1] = ((z[1] + (wa * xa[1])) + (wb * xb[1])) + b;
                        z[2] = ((z[2] + (wa * xa[2])) + (wb * xb[2])) + b;
                        z[3] = ((z[3] + (wa * xa[3])) + (wb * xb[3])) + b;
                    }

                    for (; z < end; z++, xa++, xb++)
                    {
                        *z = ((*z + (wa * *xa)) + (wb * *xb)) + b;
                    }
                }
                else
                {
                    double* xa = xp + ((nint)k * m);
                    double wa = w[k];
                    for (double* end4 = z + (m & ~3); z < end4; z += 4, xa += 4)
                    {
                        z[0] = (z[0] + (wa * xa[0])) + b;
                        z[1] = (z[1] + (wa * xa[1])) + b;
                        z[2] = (z[2] + (wa * xa[2])) + b;
                        z[3] = (z[3] + (wa * xa[3])) + b;
                    }

                    for (; z < end; z++, xa++)
                    {
                        *z = (*z + (wa * *xa)) + b;
                    }
                }
            }
        }
    }

    /// <summary>dXₖⱼ = Σᵣ Wᵣₖ·dZᵣⱼ, the sum from the r = 0 product in r order (<see cref="ColumnKernels.InputGradient{T}(Matrix{T}, Matrix{T}, Matrix{T})"/>).</summary>
    public static unsafe void InputGradient(double[] weights, double[] outputGradient, double[] inputGradient, int o, int i, int m)
    {
        CheckLength(weights.Length, o * i);
        CheckLength(outputGradient.Length, o * m);
        CheckLength(inputGradient.Length, i * m);
        fixed (double* wp = weights, dzp = outputGradient, dxp = inputGradient)
        {
            for (int k = 0; k < i; k++)
            {
                double* dx = dxp + ((nint)k * m), end = dx + m;
                if (o == 0)
                {
                    for (; dx < end; dx++)
                    {
                        *dx = 0.0;
                    }

                    continue;
                }

                double* dz0 = dzp;
                double w0 = wp[k];
                if (o == 1)
                {
                    for (; dx < end; dx++, dz0++)
                    {
                        *dx = w0 * *dz0;
                    }

                    continue;
                }

                double* dz1 = dzp + m;
                double w1 = wp[i + k];
                double* dxj = dx;
                for (double* end4 = dx + (m & ~3); dxj < end4; dxj += 4, dz0 += 4, dz1 += 4)
                {
                    dxj[0] = (w0 * dz0[0]) + (w1 * dz1[0]);
                    dxj[1] = (w0 * dz0[1]) + (w1 * dz1[1]);
                    dxj[2] = (w0 * dz0[2]) + (w1 * dz1[2]);
                    dxj[3] = (w0 * dz0[3]) + (w1 * dz1[3]);
                }

                for (; dxj < end; dxj++, dz0++, dz1++)
                {
                    *dxj = (w0 * *dz0) + (w1 * *dz1);
                }

                for (int r = 2; r < o; r += 2)
                {
                    double* dza = dzp + ((nint)r * m);
                    double wa = wp[(r * i) + k];
                    dxj = dx;
                    if (r + 1 == o)
                    {
                        for (double* end4 = dx + (m & ~3); dxj < end4; dxj += 4, dza += 4)
                        {
                            dxj[0] += wa * dza[0];
                            dxj[1] += wa * dza[1];
                            dxj[2] += wa * dza[2];
                            dxj[3] += wa * dza[3];
                        }

                        for (; dxj < end; dxj++, dza++)
                        {
                            *dxj += wa * *dza;
                        }

                        break;
                    }

                    double* dzb = dza + m;
                    double wb = wp[((r + 1) * i) + k];
                    for (double* end4 = dx + (m & ~3); dxj < end4; dxj += 4, dza += 4, dzb += 4)
                    {
                        dxj[0] = (dxj[0] + (wa * dza[0])) + (wb * dzb[0]);
                        dxj[1] = (dxj[1] + (wa * dza[1])) + (wb * dzb[1]);
                        dxj[2] = (dxj[2] + (wa * dza[2])) + (wb * dzb[2]);
                        dxj[3] = (dxj[3] + (wa * dza[3])) + (wb * dzb[3]);
                    }

                    for (; dxj < end; dxj++, dza++, dzb++)
                    {
                        *dxj = (*dxj + (wa * *dza)) + (wb * *dzb);
                    }
                }
            }
        }
    }

    /// <summary>dWᵣₖ = scale·Dot(dZᵣ, Xₖ) (<see cref="ColumnKernels.WeightGradient{T}(Matrix{T}, Matrix{T}, T, Matrix{T})"/>).</summary>
    public static unsafe void WeightGradient(double[] outputGradient, double[] input, double scale, double[] weightGradient, int o, int i, int m)
    {
        CheckLength(outputGradient.Length, o * m);
        CheckLength(input.Length, i * m);
        CheckLength(weightGradient.Length, o * i);
        fixed (double* dzp = outputGradient, xp = input, dwp = weightGradient)
        {
            double* dw = dwp;
            for (int r = 0; r < o; r++)
            {
                double* dz = dzp + ((nint)r * m);
                for (int k = 0; k < i; k++, dw++)
                {
                    *dw = scale * DotOf(dz, xp + ((nint)k * m), m);
                }
            }
        }
    }

    /// <summary>
    /// Σⱼ aⱼ·bⱼ as <see cref="ColumnKernels.Dot{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/> sums it: sixteen partial sums
    /// sₗ = Σ_q a₁₆q₊ₗ·b₁₆q₊ₗ over whole blocks of 16, folded in halves (sₗ + sₗ₊₈, then + ₄, + ₂, + ₁), then the last
    /// n mod 16 products in order.
    /// </summary>
    public static unsafe double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Dot: lengths differ ({a.Length}, {b.Length}).", nameof(b));
        }

        fixed (double* ap = a, bp = b)
        {
            return DotOf(ap, bp, a.Length);
        }
    }

    private static unsafe double DotOf(double* a, double* b, int n)
    {
        double* wholeEnd = a + (n - (n % 16)), end = a + n;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        double s8 = 0, s9 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0;
        for (; a < wholeEnd; a += 16, b += 16)
        {
            s0 += a[0] * b[0];
            s1 += a[1] * b[1];
            s2 += a[2] * b[2];
            s3 += a[3] * b[3];
            s4 += a[4] * b[4];
            s5 += a[5] * b[5];
            s6 += a[6] * b[6];
            s7 += a[7] * b[7];
            s8 += a[8] * b[8];
            s9 += a[9] * b[9];
            s10 += a[10] * b[10];
            s11 += a[11] * b[11];
            s12 += a[12] * b[12];
            s13 += a[13] * b[13];
            s14 += a[14] * b[14];
            s15 += a[15] * b[15];
        }

        s0 += s8;
        s1 += s9;
        s2 += s10;
        s3 += s11;
        s4 += s12;
        s5 += s13;
        s6 += s14;
        s7 += s15;
        s0 += s4;
        s1 += s5;
        s2 += s6;
        s3 += s7;
        s0 += s2;
        s1 += s3;
        double sum = s0 + s1;
        for (; a < end; a++, b++)
        {
            sum += *a * *b;
        }

        return sum;
    }

    /// <summary>Σ xᵢ in numpy's pairwise order, as <see cref="Numerics.PairwiseSum.Sum{T}(ReadOnlySpan{T})"/>.</summary>
    public static unsafe double PairwiseSum(ReadOnlySpan<double> values)
    {
        fixed (double* start = values)
        {
            return PairwiseSumOf(start, values.Length);
        }
    }

    private static unsafe double PairwiseSumOf(double* values, int n)
    {
        if (n < 8)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += values[i];
            }

            return sum;
        }

        if (n <= 128)
        {
            // Eight interleaved partial sums rₖ = Σ x₈ᵢ₊ₖ, combined pairwise, then the remainder in order.
            double* wholeEnd = values + (n - (n % 8)), end = values + n;
            double r0 = values[0], r1 = values[1], r2 = values[2], r3 = values[3];
            double r4 = values[4], r5 = values[5], r6 = values[6], r7 = values[7];
            for (double* v = values + 8; v < wholeEnd; v += 8)
            {
                r0 += v[0];
                r1 += v[1];
                r2 += v[2];
                r3 += v[3];
                r4 += v[4];
                r5 += v[5];
                r6 += v[6];
                r7 += v[7];
            }

            double result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (double* v = wholeEnd; v < end; v++)
            {
                result += *v;
            }

            return result;
        }

        int half = n / 2;
        half -= half % 8;
        return PairwiseSumOf(values, half) + PairwiseSumOf(values + half, n - half);
    }

    /// <summary>
    /// The dropout apply step with the mask read: outₑ = valuesₑ·scale (or valuesₑ/keepProb when
    /// <paramref name="divide"/>) if bit e is set (and gateₑ &gt; 0 when <paramref name="relu"/>), else +0.
    /// </summary>
    public static unsafe void DropoutApply(
        ReadOnlySpan<double> values, ReadOnlySpan<double> gate, Span<double> output, ReadOnlySpan<ulong> mask, bool relu, bool divide, double keepProb, double scale)
    {
        int n = values.Length;
        CheckLength(gate.Length, n);
        CheckLength(output.Length, n);
        if (mask.Length < (n + 63) / 64)
        {
            throw new ArgumentException($"mask has {mask.Length} words but {n} elements need {(n + 63) / 64}.", nameof(mask));
        }

        fixed (double* valuesStart = values, gateStart = gate, outputStart = output)
        fixed (ulong* maskStart = mask)
        {
            double* v = valuesStart, g = gateStart, y = outputStart;
            ulong* word = maskStart;
            for (int first = 0; first < n; first += 64, word++)
            {
                ulong bits = *word;
                double* end = y + Math.Min(64, n - first);
                if (relu && !divide && v == g)
                {
                    // The forward pass: the gate is the value itself, read once.
                    for (double* end4 = y + ((end - y) & ~3); y < end4; y += 4, v += 4, bits >>= 4)
                    {
                        double a0 = v[0], a1 = v[1], a2 = v[2], a3 = v[3];
                        y[0] = (bits & 1) != 0 && a0 > 0 ? a0 * scale : 0.0;
                        y[1] = (bits & 2) != 0 && a1 > 0 ? a1 * scale : 0.0;
                        y[2] = (bits & 4) != 0 && a2 > 0 ? a2 * scale : 0.0;
                        y[3] = (bits & 8) != 0 && a3 > 0 ? a3 * scale : 0.0;
                    }

                    for (; y < end; y++, v++, bits >>= 1)
                    {
                        double a = *v;
                        *y = (bits & 1) != 0 && a > 0 ? a * scale : 0.0;
                    }

                    g = v;
                }
                else if (relu && !divide)
                {
                    for (double* end4 = y + ((end - y) & ~3); y < end4; y += 4, v += 4, g += 4, bits >>= 4)
                    {
                        y[0] = (bits & 1) != 0 && g[0] > 0 ? v[0] * scale : 0.0;
                        y[1] = (bits & 2) != 0 && g[1] > 0 ? v[1] * scale : 0.0;
                        y[2] = (bits & 4) != 0 && g[2] > 0 ? v[2] * scale : 0.0;
                        y[3] = (bits & 8) != 0 && g[3] > 0 ? v[3] * scale : 0.0;
                    }

                    for (; y < end; y++, v++, g++, bits >>= 1)
                    {
                        *y = (bits & 1) != 0 && *g > 0 ? *v * scale : 0.0;
                    }
                }
                else if (!divide)
                {
                    for (; y < end; y++, v++, bits >>= 1)
                    {
                        *y = (bits & 1) != 0 ? *v * scale : 0.0;
                    }
                }
                else if (relu)
                {
                    for (; y < end; y++, v++, g++, bits >>= 1)
                    {
                        *y = (bits & 1) != 0 && *g > 0 ? *v / keepProb : 0.0;
                    }
                }
                else
                {
                    for (; y < end; y++, v++, bits >>= 1)
                    {
                        *y = (bits & 1) != 0 ? *v / keepProb : 0.0;
                    }
                }
            }
        }
    }

    /// <summary>aⱼ = 1 / (1 + e^(−zⱼ)) with <see cref="Exp"/> (<see cref="ElementwiseKernels.Sigmoid{T}(ReadOnlySpan{T}, Span{T})"/>).</summary>
    public static unsafe void Sigmoid(ReadOnlySpan<double> logits, Span<double> probabilities)
    {
        CheckLength(probabilities.Length, logits.Length);
        fixed (double* zp = logits, ap = probabilities)
        {
            double* z = zp, a = ap, end = zp + logits.Length;
            for (; z < end; z++, a++)
            {
                *a = 1.0 / (1.0 + Exp(-*z));
            }
        }
    }

    /// <summary>destinationⱼ = xⱼ − yⱼ.</summary>
    public static unsafe void Subtract(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination)
    {
        CheckLength(y.Length, x.Length);
        CheckLength(destination.Length, x.Length);
        fixed (double* xp = x, yp = y, dp = destination)
        {
            double* xj = xp, yj = yp, d = dp, end = dp + x.Length;
            for (; d < end; d++, xj++, yj++)
            {
                *d = *xj - *yj;
            }
        }
    }

    /// <summary>yⱼ = yⱼ + factor·xⱼ.</summary>
    public static unsafe void AddScaled(ReadOnlySpan<double> x, double factor, Span<double> y)
    {
        CheckLength(y.Length, x.Length);
        fixed (double* xp = x, yp = y)
        {
            double* xj = xp, yj = yp, end = yp + y.Length;
            for (; yj < end; yj++, xj++)
            {
                *yj += factor * *xj;
            }
        }
    }

    private static void CheckLength(int actual, int expected)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Span lengths differ: {expected}, {actual}.");
        }
    }

    /// <summary>
    /// eˣ as <see cref="PortableMath.Exp(double)"/> computes it (see <see cref="Functions.ExpOperator{T}"/>): for
    /// |x| ≤ 707, eʳ with r = x − n·ln 2 from the Taylor polynomial, hi + lo assembled with one final rounding, times
    /// 2ⁿ by adding n to the exponent field; beyond (and for NaN) the two-step scaling of the owned function.
    /// </summary>
    public static double Exp(double x)
    {
        if (!(Math.Abs(x) <= 707.0))
        {
            return PortableMath.Exp(x);
        }

        const double Shifter = 6755399441055744.0; // 1.5·2⁵²
        double shifted = (x * 1.4426950408889634) + Shifter;
        double n = shifted - Shifter;
        ulong exponentStep = BitConverter.DoubleToUInt64Bits(shifted) << 52;

        double rHigh = x - (n * 0.6931471805598903); // L₁ = ln 2 to 42 bits: exact
        double rLow = n * 5.497923018708371e-14; // L₂ = ln 2 − L₁
        double r = rHigh - rLow;
        double rError = (rHigh - r) - rLow;

        // P(r) = Σₖ₌₃¹⁴ rᵏ⁻³/k!
        double p = 1.0 / 87178291200.0;
        p = (p * r) + (1.0 / 6227020800.0);
        p = (p * r) + (1.0 / 479001600.0);
        p = (p * r) + (1.0 / 39916800.0);
        p = (p * r) + (1.0 / 3628800.0);
        p = (p * r) + (1.0 / 362880.0);
        p = (p * r) + (1.0 / 40320.0);
        p = (p * r) + (1.0 / 5040.0);
        p = (p * r) + (1.0 / 720.0);
        p = (p * r) + (1.0 / 120.0);
        p = (p * r) + (1.0 / 24.0);
        p = (p * r) + (1.0 / 6.0);

        // 1 + r + r²/2 + r³·P(r) + rError·eʳ: r = rh + rl (Veltkamp), 1 + r + rh²/2 = hi + lo exactly (Fast2Sum twice).
        double split = 134217729.0 * r;
        double rh = split - (split - r);
        double rl = r - rh;
        double s = 1.0 + r;
        double sError = (1.0 - s) + r;
        double square = 0.5 * (rh * rh);
        double hi = s + square;
        double hiError = (s - hi) + square;
        double small = (0.5 * (rl * (rh + r))) + ((r * r) * (r * p));
        double reduced = hi + ((small + (rError * s)) + (sError + hiError));
        return BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(reduced) + exponentStep);
    }
}
