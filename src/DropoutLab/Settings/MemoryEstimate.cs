using DropoutLab.Study;
using DropoutLab.Training;

namespace DropoutLab.Settings;

/// <summary>
/// How much memory a piece of work needs, estimated from its settings before anything is allocated, so a front end can
/// refuse work that cannot fit. The factories also check that no matrix or array would exceed
/// <see cref="Array.MaxLength"/> elements and that no size product overflows, throwing <see cref="SettingException"/>
/// naming the setting instead. Estimates cover the large buffers only (a few percent low, never wildly so).
/// </summary>
public sealed class MemoryEstimate
{
    // Per example and per unit of every layer, the batch buffers a training step holds: the dense output, the
    // activation's output and input gradient, the dropout's output and input gradient, the dense input gradient,
    // and the two buffers of batched scoring (after each epoch).
    private const int BatchBuffersPerUnit = 8;

    // A study run trains full-batch: the same six training buffers per unit, for every example.
    private const int StudyBuffersPerUnit = 6;

    private MemoryEstimate(long parameters, long bytes)
    {
        Parameters = parameters;
        Bytes = bytes;
    }

    /// <summary>Trainable values (weights and biases) of one network; 0 for work without a network.</summary>
    public long Parameters { get; }

    /// <summary>Estimated bytes of the work's large buffers.</summary>
    public long Bytes { get; }

    /// <summary>
    /// Training an MLP: bytes = e·(s·P + 8·B·Σₗ nₗ) + data, with e the bytes per value (4 or 8), P = Σₗ (nₗ·nₗ₋₁ + nₗ)
    /// the parameters, s = 2 + optimizer slots (parameters and gradients; momentum keeps 1 more copy, Adam 2; DropConnect
    /// 1 more for the masked weights), B the
    /// batch size, nₗ the widths from inputs to classes, and <paramref name="dataBytes"/> the data already loaded.
    /// </summary>
    /// <exception cref="SettingException">A weight matrix (nₗ·nₗ₋₁) or a batch buffer (nₗ·B) would be too large.</exception>
    public static MemoryEstimate ForMlp(MlpSettings settings, int elementBytes, long dataBytes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(elementBytes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(dataBytes);
        CheckMlpSizes(settings.Layers, settings.BatchSize);
        long parameters = MlpParameters(settings.Layers);
        long units = settings.Layers.Sum(width => (long)width);
        int slots = 2 + settings.Optimizer switch { OptimizerKind.Adam => 2, OptimizerKind.Momentum => 1, _ => 0 } + (settings.Dropout == DropoutVariant.DropConnect ? 1 : 0);
        double bytes = (elementBytes * ((slots * (double)parameters) + (BatchBuffersPerUnit * (double)settings.BatchSize * units))) + dataBytes;
        return new MemoryEstimate(parameters, Saturate(bytes));
    }

    /// <summary>
    /// A depth study: each of min(<paramref name="parallelRuns"/>, runs) concurrent runs of depth D holds
    /// 8·(2·P + 6·N·D·W) bytes (float64 parameters and gradients, full-batch buffers of the N =
    /// max(train, test) examples), with P = F·W + (D − 1)·W² + D·W + W + 1 for F features and width W, sized for the
    /// deepest depths; plus 8·(train + test)·(F + 1) bytes of data.
    /// </summary>
    /// <exception cref="SettingException">A matrix (W², N·W or F·W) would be too large.</exception>
    public static MemoryEstimate ForStudy(StudySettings settings, int trainExamples, int testExamples, int features, int parallelRuns)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelRuns, 1);
        int examples = Math.Max(trainExamples, testExamples);
        long width = settings.Width;
        CheckStudySizes(settings.Width);
        SettingCheck.Require(
            width * examples <= Array.MaxLength && width * features <= Array.MaxLength,
            SettingNames.Width,
            $"times the examples ({examples}) and the features ({features}) must each be at most {Array.MaxLength}",
            SettingCheck.Text(settings.Width));

        // Every seed, keep-prob and scaling of a depth is a run of that depth's size; the largest runs may all be in flight.
        int runsPerDepth = settings.KeepProbs.Count * settings.Scalings.Count * settings.Seeds;
        int concurrentRuns = (int)Math.Min(parallelRuns, (long)runsPerDepth * settings.Depths.Count);
        double largestParameters = 0, concurrentBytes = 0;
        foreach (int depth in settings.Depths.OrderByDescending(depth => depth))
        {
            double parameters = (features * (double)width) + ((depth - 1) * (double)width * width) + (depth * (double)width) + width + 1;
            largestParameters = Math.Max(largestParameters, parameters);
            int inFlight = Math.Min(concurrentRuns, runsPerDepth);
            concurrentRuns -= inFlight;
            concurrentBytes += inFlight * 8 * ((2 * parameters) + (StudyBuffersPerUnit * (double)examples * depth * width));
        }

        double dataBytes = 8 * ((double)trainExamples + testExamples) * (features + 1);
        return new MemoryEstimate(Saturate(largestParameters), Saturate(concurrentBytes + dataBytes));
    }

    /// <summary>The dropout kernel on N float32 values: 4·N bytes in, 4·N out and 8·⌈N/64⌉ of mask bits.</summary>
    /// <exception cref="SettingException">N is below 1 or above <see cref="Array.MaxLength"/>.</exception>
    public static MemoryEstimate ForDropoutKernel(long elements)
    {
        SettingCheck.Require(
            elements >= 1 && elements <= Array.MaxLength,
            SettingNames.Elements,
            $"must be in [1, {Array.MaxLength}] (the largest array)",
            elements.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new MemoryEstimate(0, (8 * elements) + (8 * ((elements + 63) / 64)));
    }

    /// <summary>Weights and biases of an MLP with these widths: Σₗ (nₗ·nₗ₋₁ + nₗ).</summary>
    public static long MlpParameters(IReadOnlyList<int> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        long parameters = 0;
        for (int l = 1; l < layers.Count; l++)
        {
            parameters += ((long)layers[l] * layers[l - 1]) + layers[l];
        }

        return parameters;
    }

    /// <summary>Every weight matrix nₗ × nₗ₋₁ and every batch buffer nₗ × B fits in one array.</summary>
    internal static void CheckMlpSizes(IReadOnlyList<int> layers, int batchSize)
    {
        for (int l = 0; l < layers.Count; l++)
        {
            if (l > 0)
            {
                SettingCheck.Require(
                    (long)layers[l] * layers[l - 1] <= Array.MaxLength,
                    SettingNames.Layers,
                    $"must keep each weight matrix (a width times the one before) within {Array.MaxLength} values",
                    SettingCheck.Text(layers));
            }

            SettingCheck.Require(
                (long)layers[l] * batchSize <= Array.MaxLength,
                SettingNames.BatchSize,
                $"times each width must be at most {Array.MaxLength} values",
                SettingCheck.Text(batchSize),
                SettingNames.Layers);
        }
    }

    /// <summary>A hidden-to-hidden weight matrix W × W fits in one array.</summary>
    internal static void CheckStudySizes(int width) =>
        SettingCheck.Require((long)width * width <= Array.MaxLength, SettingNames.Width, $"squared must be at most {Array.MaxLength}", SettingCheck.Text(width));

    private static long Saturate(double bytes) => bytes >= long.MaxValue ? long.MaxValue : (long)Math.Ceiling(bytes);
}
