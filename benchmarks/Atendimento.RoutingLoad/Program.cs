using Atendimento.RoutingLoad;

// Usage: dotnet run -c Release --project benchmarks/Atendimento.RoutingLoad -- sla [open timers ...]
// Needs ATENDIMENTO_TEST_POSTGRES (a server this tool may create schemas in); see README.md.
var postgres = Environment.GetEnvironmentVariable("ATENDIMENTO_TEST_POSTGRES")
    ?? throw new InvalidOperationException("Set ATENDIMENTO_TEST_POSTGRES to a PostgreSQL connection string (README.md).");
switch (args.FirstOrDefault())
{
    case "sla":
        var sizes = args.Skip(1).Select(int.Parse).DefaultIfEmpty(1_000).ToList();
        if (args.Length == 1)
        {
            sizes = [1_000, 10_000, 100_000];
        }
        await SlaDelayMeasurement.RunAsync(postgres, sizes);
        break;
    default:
        Console.Error.WriteLine("usage: Atendimento.RoutingLoad sla [open timers ...]");
        return 2;
}
return 0;
