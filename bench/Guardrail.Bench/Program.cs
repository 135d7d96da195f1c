using BenchmarkDotNet.Running;

// Pick benchmarks with --filter, e.g. `-- --filter '*ProxyOverhead*'`; see bench/README.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
