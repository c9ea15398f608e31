using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Atendimento.Benchmarks.RecognizerBenchmarks).Assembly).Run(args);
