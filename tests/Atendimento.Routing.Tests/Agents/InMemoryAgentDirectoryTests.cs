using Atendimento.Routing.Agents;

namespace Atendimento.Routing.Tests.Agents;

public sealed class InMemoryAgentDirectoryTests : AgentDirectoryContract
{
    protected override Task<IAgentDirectory> CreateDirectoryAsync() => Task.FromResult<IAgentDirectory>(new InMemoryAgentDirectory());
}
