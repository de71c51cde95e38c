using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DropoutLab.Cli.Output;
using DropoutLab.Formatting;
using DropoutLab.Layers;
using DropoutLab.Random;
using DropoutLab.Settings;

namespace DropoutLab.Cli.Commands;

/// <summary>
/// <c>dropout-lab bench dropout</c>: throughput of the float32 inverted-dropout training forward kernel,
/// y = m·a/keepProb with m drawn from Philox. Bytes per call = 8·N (4·N read, 4·N written); the N/8 bytes of
/// mask bits the kernel also writes are not counted, so the figure is comparable with a peer's y = dropout(a).
/// </summary>
public static class BenchDropoutCommand
{
    /// <summary>Default element count, 4 Mi floats (16 MiB in, 16 MiB out).</summary>
    public const int DefaultElements = 4 * 1024 * 1024;

    /// <summary>Builds the subcommand.</summary>
    public static Command Create(CliOutput io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var elements = CliOptions.AtLeast("--elements", 1, DefaultElements, $"Float32 elements N per call");
        var keepProb = CliOptions.KeepProb(0.5, "Keep probability");
        var repeat = CliOptions.AtLeast("--repeat", 1, 50, "Timed calls after one warm-up call");
        var threads = CliOptions.AtLeast("--threads", 0, 2, "Most threads, 0 = all processors");
        var relu = new Option<bool>("--relu") { Description = "Time the fused ReLU+dropout kernel y = m·max(z, 0)/keepProb instead (same byte count)" };
        var json = new Option<bool>("--json")
        {
            Description = "Print {\"engine\", \"kernel\", \"elements\", \"keepProb\", \"threads\", \"repeat\", \"bytesPerCall\", \"seconds\", \"gigabytesPerSecond\", \"bestGigabytesPerSecond\"}",
        };
        var maxMemory = MemoryBudget.CreateOption();
        var command = new Command(
            "dropout",
            "Time the float32 inverted-dropout forward kernel (fresh Philox mask every call) on N random values. "
            + "gigabytesPerSecond = 8·N·repeat / seconds / 10⁹: 4·N bytes read plus 4·N written per call; the N/8 bytes of mask bits "
            + "are not counted. bestGigabytesPerSecond uses the fastest single call.")
        {
            elements, keepProb, repeat, threads, relu, json, maxMemory,
        };
        command.SetAction(parsed =>
        {
            int n = parsed.GetValue(elements), calls = parsed.GetValue(repeat), degree = parsed.GetValue(threads);
            double keep = parsed.GetValue(keepProb);
            bool fused = parsed.GetValue(relu);
            MemoryBudget.Check(
                parsed,
                maxMemory,
                MemoryEstimate.ForDropoutKernel(n),
                string.Create(CultureInfo.InvariantCulture, $"timing dropout on {n} float32 values"),
                io.Error);

            // a ~ U[−1, 1) so that the ReLU variant keeps about half of the values.
            var random = new NumpyRandomState(1);
            float[] input = new float[n], output = new float[n];
            ulong[] mask = new ulong[DropoutKernel.MaskWordCount(n)];
            for (int i = 0; i < n; i++)
            {
                input[i] = (float)((2 * random.NextDouble()) - 1);
            }

            void Call(ulong step)
            {
                var stream = new DropoutStream(1, step, 0);
                if (fused)
                {
                    DropoutKernel.ReluForward(input, output, mask, keep, stream, DropoutScaling.Inverted, degree);
                }
                else
                {
                    DropoutKernel.Forward(input, output, mask, keep, stream, DropoutScaling.Inverted, degree);
                }
            }

            Call(0);
            double best = double.PositiveInfinity;
            var total = Stopwatch.StartNew();
            for (int r = 1; r <= calls; r++)
            {
                long start = Stopwatch.GetTimestamp();
                Call((ulong)r);
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            }

            total.Stop();
            double seconds = total.Elapsed.TotalSeconds, bytes = 8.0 * n;
            double rate = bytes * calls / seconds / 1e9, bestRate = bytes / best / 1e9;
            string kernel = fused ? "relu-dropout" : "dropout";
            if (parsed.GetValue(json))
            {
                io.Out.WriteLine(JsonText.Build(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("engine", "dropout-lab");
                    writer.WriteString("kernel", kernel);
                    writer.WriteNumber("elements", n);
                    writer.WriteReal("keepProb", keep);
                    writer.WriteNumber("threads", degree);
                    writer.WriteNumber("repeat", calls);
                    writer.WriteReal("bytesPerCall", bytes);
                    writer.WriteReal("seconds", seconds);
                    writer.WriteReal("gigabytesPerSecond", rate);
                    writer.WriteReal("bestGigabytesPerSecond", bestRate);
                    writer.WriteEndObject();
                }));
            }
            else
            {
                io.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{kernel} forward, {n} float32, keepProb {keep}: {rate:F2} GB/s over {Plural.Of(calls, "call")} ({seconds:F3} s), best call {bestRate:F2} GB/s"));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
