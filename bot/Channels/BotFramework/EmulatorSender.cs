using Atendimento.Bot.Activities;
using Atendimento.Bot.Conversations;

namespace Atendimento.Bot.Channels.BotFramework;

/// <summary>Sends to the Emulator through its serviceUrl, one activity after another so they keep their order.</summary>
public sealed class EmulatorSender(ConnectorClient connector) : IChannelSender
{
    public const string ChannelName = "emulator";

    public string Channel => ChannelName;

    public async Task SendAsync(ConversationState conversation, IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        var serviceUrl = conversation.Address.ServiceUrl
            ?? throw new InvalidOperationException($"Conversation {conversation.Id} has no service URL to reply to.");
        foreach (var activity in activities)
        {
            await connector.SendAsync(serviceUrl, conversation.Address.ConversationId, activity, cancellationToken);
        }
    }
}
