using Atendimento.Platform.Postgres;
using Atendimento.Testing;

namespace Atendimento.Routing.Tests;

/// <summary>A fresh PostgreSQL schema with the routing module's migrations applied (needs ./test.sh).</summary>
internal static class RoutingDatabase
{
    public static Task<PostgresSchema> CreateSchemaAsync() =>
        PostgresSchema.CreateAsync(new MigrationSet("routing", 10, typeof(RoutingModule).Assembly));
}
