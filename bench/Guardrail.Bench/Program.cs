using BenchmarkDotNet.Running;
using Guardrail.Bench.Load;

// `load`, `upstream` and `bare` are the side-by-side load harness and its processes (bench/load/README.md);
// anything else picks benchmarks with --filter, e.g. `-- --filter '*ProxyOverhead*'` (bench/README.md).
if (args.Length > 0 && LoadCommand.Names.Contains(args[0])) return await LoadCommand.RunAsync(args);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
