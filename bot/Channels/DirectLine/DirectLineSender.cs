using Atendimento.Bot.Activities;
using Atendimento.Bot.Conversations;

namespace Atendimento.Bot.Channels.DirectLine;

/// <summary>
/// Delivering on Direct Line means appending to the conversation's history and waking its streams. Appends are
/// keyed by the outbound activity's id, so an outbox sent again after a failure adds nothing twice.
/// </summary>
public sealed class DirectLineSender(IDirectLineStore store, DirectLineWakeUps wakeUps) : IChannelSender
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
            await wakeUps.NotifyAsync(conversation.Address.ConversationId, cancellationToken);
        }
    }
}
