using Atendimento.Routing.Agents;
using Atendimento.Routing.Tickets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.Routing.Api;

/// <summary>How ticket commands become HTTP answers: 200, 400 with field errors, 404 or 409 that says why.</summary>
internal static class TicketResults
{
    public delegate Task<TicketCommandResult> Command(TicketService service, Agent agent, TicketId id, CancellationToken cancellationToken);

    /// <summary>Answers the field errors if there are any; otherwise runs the command as the calling agent.</summary>
    public static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> RunAsync(
        long id, HttpContext http, FieldErrors errors, Command command)
    {
        if (errors.Any)
        {
            return errors.Problem();
        }
        var agent = await CurrentAgentAsync(http);
        var result = await command(http.RequestServices.GetRequiredService<TicketService>(), agent, new TicketId(id), http.RequestAborted);
        return result.Outcome switch
        {
            TicketCommandOutcome.Done => TypedResults.Ok(TicketResponse.From(result.Ticket!, withHandoff: true)),
            TicketCommandOutcome.NotFound => NotFound(id),
            TicketCommandOutcome.Invalid => Invalid(result),
            _ => Refused(result),
        };
    }

    public static ValidationProblem Invalid(TicketCommandResult result) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [result.Field!] = [result.Reason!] });

    public static ProblemHttpResult Refused(TicketCommandResult result) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Transition refused", detail: result.Reason);

    public static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Ticket not found", detail: $"There is no ticket {id} for your tenant.");

    public static async Task<Agent> CurrentAgentAsync(HttpContext http)
    {
        var (tenant, agentId) = AgentPrincipal.Read(http.User);
        // The policies of both callers require the agent: its absence here is a bug, not bad input.
        return await http.RequestServices.GetRequiredService<IAgentDirectory>().GetAsync(tenant,
                agentId ?? throw new InvalidOperationException("A ticket command ran without an agent."), http.RequestAborted)
            ?? throw new InvalidOperationException("An authenticated agent vanished from the directory.");
    }
}
