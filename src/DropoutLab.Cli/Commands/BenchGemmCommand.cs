using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DropoutLab.Cli.Output;
using DropoutLab.Formatting;
using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Cli.Commands;

/// <summary>
/// <c>dropout-lab bench gemm</c>: float32 C = A·B (A m×k, B k×n, row-major, no transposes) with <see cref="Gemm"/>,
/// in GFLOP/s = 2·m·n·k per call / seconds / 10⁹.
/// </summary>
public static class BenchGemmCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create(CliOutput io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var m = CliOptions.AtLeast("--m", 1, 128, "Rows m of A and C");
        var k = CliOptions.AtLeast("--k", 1, 784, "Columns k of A, rows of B");
        var n = CliOptions.AtLeast("--n", 1, 1024, "Columns n of B and C");
        var threads = CliOptions.AtLeast("--threads", 0, 0, "Most threads, 0 = all processors");
        var repeat = CliOptions.AtLeast("--repeat", 1, 50, "Timed calls");
        var warmup = CliOptions.AtLeast("--warmup", 0, 5, "Untimed calls first");
        var json = new Option<bool>("--json")
        {
            Description = "Print {\"engine\", \"kernel\", \"m\", \"k\", \"n\", \"threads\", \"warmup\", \"repeat\", \"flopsPerCall\", \"seconds\", \"gflops\", \"bestSeconds\", \"bestGflops\"}",
        };
        var command = new Command(
            "gemm",
            "Time float32 C = A·B (A m×k, B k×n, entries uniform in [−0.5, 0.5)) on the fastest micro-kernel this CPU runs. "
            + "gflops = 2·m·n·k·repeat / seconds / 10⁹; bestGflops uses the fastest single call.")
        {
            m, k, n, threads, repeat, warmup, json,
        };
        command.SetAction(parsed =>
        {
            int rows = parsed.GetValue(m), depth = parsed.GetValue(k), cols = parsed.GetValue(n);
            int requested = parsed.GetValue(threads), calls = parsed.GetValue(repeat), untimed = parsed.GetValue(warmup);
            int degree = requested == 0 ? Environment.ProcessorCount : requested;
            if ((long)rows * depth > Array.MaxLength || (long)depth * cols > Array.MaxLength || (long)rows * cols > Array.MaxLength)
            {
                throw new UsageException($"--m {rows} --k {depth} --n {cols}: a matrix would exceed {Array.MaxLength} elements.");
            }

            var random = new NumpyRandomState(1);
            float[] a = new float[rows * depth], b = new float[depth * cols], c = new float[rows * cols];
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = (float)(random.NextDouble() - 0.5);
            }

            for (int i = 0; i < b.Length; i++)
            {
                b[i] = (float)(random.NextDouble() - 0.5);
            }

            void Call() => Gemm.Multiply(false, false, rows, cols, depth, 1f, a, depth, b, cols, 0f, c, cols, degree);

            for (int w = 0; w < untimed; w++)
            {
                Call();
            }

            double best = double.PositiveInfinity;
            var total = Stopwatch.StartNew();
            for (int r = 0; r < calls; r++)
            {
                long start = Stopwatch.GetTimestamp();
                Call();
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            }

            total.Stop();
            double seconds = total.Elapsed.TotalSeconds, flops = 2.0 * rows * cols * depth;
            double rate = flops * calls / seconds / 1e9, bestRate = flops / best / 1e9;
            if (parsed.GetValue(json))
            {
                io.Out.WriteLine(JsonText.Build(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("engine", "dropout-lab");
                    writer.WriteString("kernel", Gemm.KernelName);
                    writer.WriteNumber("m", rows);
                    writer.WriteNumber("k", depth);
                    writer.WriteNumber("n", cols);
                    writer.WriteNumber("threads", degree);
                    writer.WriteNumber("warmup", untimed);
                    writer.WriteNumber("repeat", calls);
                    writer.WriteReal("flopsPerCall", flops);
                    writer.WriteReal("seconds", seconds);
                    writer.WriteReal("gflops", rate);
                    writer.WriteReal("bestSeconds", best);
                    writer.WriteReal("bestGflops", bestRate);
                    writer.WriteEndObject();
                }));
            }
            else
            {
                io.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"gemm {rows}×{depth}·{depth}×{cols} float32 ({Gemm.KernelName}, {Plural.Of(degree, "thread")}): {rate:F1} GFLOP/s over {Plural.Of(calls, "call")} ({seconds:F3} s), best call {bestRate:F1} GFLOP/s"));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
