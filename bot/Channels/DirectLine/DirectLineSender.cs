using Atendimento.Bot.Activities;
using Atendimento.Bot.Conversations;

namespace Atendimento.Bot.Channels.DirectLine;

/// <summary>Delivering on Direct Line means appending to the conversation's history and waking its streams.</summary>
public sealed class DirectLineSender(IDirectLineStore store, IServiceProvider services) : IChannelSender
{
    public string Channel => DirectLineService.Channel;

    public async Task SendAsync(ConversationState conversation, IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        foreach (var activity in activities)
        {
            await store.AppendAsync(conversation.Address.ConversationId, activity, cancellationToken);
        }
        if (activities.Count > 0)
        {
            // Resolved late: the service depends on the turn processor, which depends on the senders.
            await services.GetRequiredService<DirectLineService>().NotifyAsync(conversation.Address.ConversationId, cancellationToken);
        }
    }
}
