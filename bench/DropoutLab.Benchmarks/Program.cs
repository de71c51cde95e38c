using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(DropoutLab.Benchmarks.GemmBenchmarks).Assembly).Run(args);
