using Guardrail.Server.Cli;

// The guardrail executable: `serve`, `check`, `rules test|lint` (see Cli/). The proxy host itself is
// assembled in Hosting/GuardrailApp.cs.
return await GuardrailCli.RunAsync(args);

/// <summary>Entry point, public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
