using Atendimento.Routing.Agents;
using Atendimento.Routing.Tickets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Atendimento.Routing.Api.TicketResults;

namespace Atendimento.Routing.Api;

/// <summary>
/// The operations on a ticket. Each checks its body (400 with field errors), then runs as the calling agent:
/// 404 for a ticket the tenant does not have, 409 with the reason when the ticket refuses.
/// </summary>
internal static class TicketCommandEndpoints
{
    public static void Map(RouteGroupBuilder tickets)
    {
        tickets.MapPost("/{id:long}/accept", (long id, HttpContext http) =>
            RunAsync(id, http, new FieldErrors(), (s, agent, t, ct) => s.AcceptAsync(agent, t, ct)))
            .WithSummary("The calling agent takes a queued ticket, or one assigned to them.");
        tickets.MapPost("/{id:long}/assign", Assign).WithSummary("Gives a queued ticket to an agent of the tenant, who must accept it.");
        tickets.MapPost("/{id:long}/transfer", Transfer).WithSummary("Hands the ticket to another agent or puts it in another queue.");
        tickets.MapPost("/{id:long}/escalate", (long id, LevelChangeRequest request, HttpContext http) => ChangeLevel(id, request, http, up: true))
            .WithSummary("One level up (N1 to N2, N2 to N3), with a reason; back to a queue of that level.");
        tickets.MapPost("/{id:long}/deescalate", (long id, LevelChangeRequest request, HttpContext http) => ChangeLevel(id, request, http, up: false))
            .WithSummary("One level down, with a reason; back to a queue of that level.");
        tickets.MapPost("/{id:long}/wait-on-customer", WithReason((s, agent, t, reason, ct) => s.WaitOnCustomerAsync(agent, t, reason, ct), required: false))
            .WithSummary("The assignee waits for the customer; the customer's next message puts the ticket back in progress.");
        tickets.MapPost("/{id:long}/priority", ChangePriority).WithSummary("Changes the priority (Low, Normal, High, Urgent).");
        tickets.MapPost("/{id:long}/severity", ChangeSeverity).WithSummary("Changes the severity (Minor, Moderate, Major, Critical).");
        tickets.MapPost("/{id:long}/tags", AddTag).WithSummary("Adds a tag.");
        tickets.MapDelete("/{id:long}/tags/{tag}", (long id, string tag, HttpContext http) => TagCommand(id, tag, http, remove: true))
            .WithSummary("Removes a tag.");
        tickets.MapPost("/{id:long}/notes", AddNoteAsync).WithSummary("An internal note on the ticket; never sent to the customer.");
        tickets.MapPost("/{id:long}/messages", ReplyAsync).WithSummary("Sends the agent's message to the customer on their channel.");
        tickets.MapPost("/{id:long}/resolve", WithReason((s, agent, t, resolution, ct) => s.ResolveAsync(agent, t, resolution, ct), required: false))
            .WithSummary("Ends the human part with an optional resolution ({\"reason\": ...}); the bot owns the conversation again.");
        tickets.MapPost("/{id:long}/close", WithReason((s, agent, t, reason, ct) => s.CloseAsync(agent, t, reason, ct), required: false))
            .WithSummary("Files a resolved ticket.");
        tickets.MapPost("/{id:long}/reopen", WithReason((s, agent, t, reason, ct) => s.ReopenAsync(agent, t, reason!, ct), required: true))
            .WithSummary("Puts a resolved or closed ticket back in its queue, within the reopen window.");
        tickets.MapPost("/{id:long}/cancel", WithReason((s, agent, t, reason, ct) => s.CancelAsync(agent, t, reason!, ct), required: true))
            .WithSummary("Drops an active ticket without a resolution; the bot owns the conversation again.");
        tickets.MapPost("/{id:long}/merge", Merge).WithSummary("Folds this duplicate into another ticket of the same customer.");
    }

    private delegate Task<TicketCommandResult> ReasonCommand(TicketService service, Agent agent, TicketId id, string? reason, CancellationToken cancellationToken);

    private static Func<long, ReasonRequest?, HttpContext, Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>>> WithReason(
        ReasonCommand command, bool required) =>
        (id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] request, http) =>
        {
            var errors = new FieldErrors();
            var reason = errors.Text("reason", request?.Reason, required);
            return RunAsync(id, http, errors, (s, agent, t, ct) => command(s, agent, t, reason, ct));
        };

    private static Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> Assign(long id, AssignRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        var agentId = errors.Name("agentId", request.AgentId, required: true);
        var reason = errors.Text("reason", request.Reason, required: false);
        return RunAsync(id, http, errors, (s, agent, t, ct) => s.AssignAsync(agent, t, agentId!, reason, ct));
    }

    private static Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> Transfer(long id, TransferRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        var agentId = errors.Name("agentId", request.AgentId, required: false);
        var queue = errors.Name("queue", request.Queue, required: false);
        var reason = errors.Text("reason", request.Reason, required: false);
        if ((agentId is null) == (queue is null))
        {
            errors.Add(agentId is null ? "agentId" : "queue", "Give exactly one of agentId (transfer to an agent) and queue (transfer to a queue).");
        }
        return RunAsync(id, http, errors, (s, agent, t, ct) => agentId is not null
            ? s.TransferToAgentAsync(agent, t, agentId, reason, ct)
            : s.TransferToQueueAsync(agent, t, queue!, reason, ct));
    }

    private static Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> ChangeLevel(long id, LevelChangeRequest request, HttpContext http, bool up)
    {
        var errors = new FieldErrors();
        var reason = errors.Text("reason", request.Reason, required: true);
        var queue = errors.Name("queue", request.Queue, required: false);
        return RunAsync(id, http, errors, (s, agent, t, ct) => up
            ? s.EscalateAsync(agent, t, reason!, queue, ct)
            : s.DeescalateAsync(agent, t, reason!, queue, ct));
    }

    private static Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> ChangePriority(long id, PriorityRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        var priority = errors.Enum<TicketPriority>("priority", request.Priority, required: true);
        var reason = errors.Text("reason", request.Reason, required: false);
        return RunAsync(id, http, errors, (s, agent, t, ct) => s.ChangePriorityAsync(agent, t, priority!.Value, reason, ct));
    }

    private static Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> ChangeSeverity(long id, SeverityRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        var severity = errors.Enum<TicketSeverity>("severity", request.Severity, required: true);
        var reason = errors.Text("reason", request.Reason, required: false);
        return RunAsync(id, http, errors, (s, agent, t, ct) => s.ChangeSeverityAsync(agent, t, severity!.Value, reason, ct));
    }

    private static Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> AddTag(long id, TagRequest request, HttpContext http) =>
        TagCommand(id, request.Tag, http, remove: false);

    private static Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> TagCommand(long id, string? tag, HttpContext http, bool remove)
    {
        var errors = new FieldErrors();
        var name = errors.Name("tag", tag, required: true);
        return RunAsync(id, http, errors, (s, agent, t, ct) => remove ? s.UntagAsync(agent, t, name!, ct) : s.TagAsync(agent, t, name!, ct));
    }

    private static Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> Merge(long id, MergeRequest request, HttpContext http)
    {
        var errors = new FieldErrors();
        if (request.TargetTicketId is not > 0)
        {
            errors.Add("targetTicketId", "TargetTicketId is required: the number of the ticket this duplicate is merged into.");
        }
        var reason = errors.Text("reason", request.Reason, required: false);
        return RunAsync(id, http, errors, (s, agent, t, ct) => s.MergeAsync(agent, t, new TicketId(request.TargetTicketId!.Value), reason, ct));
    }

    private static Task<Results<Created<TicketMessageResponse>, ValidationProblem, ProblemHttpResult>> AddNoteAsync(long id, NoteRequest request, HttpContext http) =>
        MessageAsync(id, request.Text, http, (s, agent, t, text, ct) => s.AddNoteAsync(agent, t, text, ct));

    private static Task<Results<Created<TicketMessageResponse>, ValidationProblem, ProblemHttpResult>> ReplyAsync(long id, PostMessageRequest request, HttpContext http) =>
        MessageAsync(id, request.Text, http, (s, agent, t, text, ct) => s.ReplyAsync(agent, t, text, ct));

    private static async Task<Results<Created<TicketMessageResponse>, ValidationProblem, ProblemHttpResult>> MessageAsync(
        long id, string? body, HttpContext http, Func<TicketService, Agent, TicketId, string, CancellationToken, Task<TicketCommandResult>> command)
    {
        var errors = new FieldErrors();
        var text = errors.Text("text", body, required: true, FieldErrors.MaxTextLength);
        if (errors.Any)
        {
            return errors.Problem();
        }
        var agent = await CurrentAgentAsync(http);
        var service = http.RequestServices.GetRequiredService<TicketService>();
        var result = await command(service, agent, new TicketId(id), text!, http.RequestAborted);
        return result.Outcome switch
        {
            TicketCommandOutcome.Done => TypedResults.Created($"/api/v1/tickets/{id}/messages", TicketMessageResponse.From(result.Message!)),
            TicketCommandOutcome.NotFound => NotFound(id),
            TicketCommandOutcome.Invalid => Invalid(result),
            _ => Refused(result),
        };
    }
}
