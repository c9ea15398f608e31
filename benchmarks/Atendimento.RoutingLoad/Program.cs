using Atendimento.RoutingLoad;

// Usage: dotnet run -c Release --project benchmarks/Atendimento.RoutingLoad -- sla [open timers ...] | assign [queued tickets ...]
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
    case "assign":
        var tickets = args.Skip(1).Select(int.Parse).DefaultIfEmpty(5_000).ToList();
        await AssignmentThroughput.RunAsync(postgres, tickets);
        break;
    default:
        Console.Error.WriteLine("usage: Atendimento.RoutingLoad sla [open timers ...] | assign [queued tickets ...]");
        return 2;
}
return 0;
