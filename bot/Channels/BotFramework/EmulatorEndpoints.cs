using Atendimento.Bot.Activities;
using Atendimento.Bot.Channels.DirectLine;
using Atendimento.Bot.Conversations;
using Atendimento.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Channels.BotFramework;

/// <summary>
/// The bot's messaging endpoint for the Bot Framework Emulator (specs §2): the Emulator POSTs activities here with
/// no credentials, and the bot answers through the Connector API at the activity's serviceUrl.
/// </summary>
internal static class EmulatorEndpoints
{
    private const int MaxActivityBytes = 256 * 1024;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/messages", ReceiveAsync).WithTags("Bot Framework Emulator").WithSummary("Messaging endpoint for the Bot Framework Emulator.");

    private static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, ConversationTurnProcessor turns, IOptions<EmulatorOptions> options, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "The Emulator endpoint is disabled.");
        }
        var (activity, problem) = await RequestBodies.ReadAsync<Activity>(request, MaxActivityBytes, ActivityJson.Options, optional: false, cancellationToken);
        if (activity is null)
        {
            return problem!;
        }
        if (Check(activity, options.Value) is { } invalid)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid activity", detail: invalid);
        }
        var address = new ChannelAddress(activity.Conversation!.Id, activity.Recipient!, activity.From, activity.ServiceUrl, activity.Locale);
        await turns.ProcessAsync(new InboundActivity(new TenantId(options.Value.TenantId), EmulatorSender.ChannelName, address, activity), cancellationToken);
        return TypedResults.Ok();
    }

    private static string? Check(Activity activity, EmulatorOptions options)
    {
        if (string.IsNullOrWhiteSpace(activity.Type) || activity.Conversation is null || activity.From is null || activity.Recipient is null)
        {
            return "An activity needs type, conversation, from and recipient.";
        }
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("http" or "https"))
        {
            return "The activity needs an absolute http(s) serviceUrl to reply to.";
        }
        return options.EffectiveServiceUrlHosts.Contains(serviceUrl.Host, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"Replies to {serviceUrl.Host} are not allowed; add it to Emulator:AllowedServiceUrlHosts.";
    }
}
