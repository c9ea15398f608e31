using Atendimento.Platform.Postgres;
using Atendimento.Routing;
using Atendimento.Testing;

namespace Atendimento.Bot.Tests.Harness;

/// <summary>A fresh PostgreSQL schema with the routing and bot migrations applied, as the host applies them.</summary>
internal static class BotSchema
{
    public static Task<PostgresSchema> CreateAsync() => PostgresSchema.CreateAsync(
        new MigrationSet("routing", 10, typeof(RoutingModule).Assembly),
        new MigrationSet("bot", 30, typeof(BotModule).Assembly));
}
