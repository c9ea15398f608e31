using Atendimento.Bot.Activities;

namespace Atendimento.Bot.Conversations;

/// <summary>Sends activities to a customer on one channel (Direct Line, Emulator, later WhatsApp).</summary>
public interface IChannelSender
{
    string Channel { get; }

    Task SendAsync(ConversationState conversation, IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);
}

/// <summary>Finds the sender for a conversation's channel.</summary>
public sealed class ChannelSenders(IEnumerable<IChannelSender> senders)
{
    private readonly Dictionary<string, IChannelSender> _byChannel = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    public IChannelSender For(ConversationState conversation) =>
        _byChannel.TryGetValue(conversation.Channel, out var sender)
            ? sender
            : throw new InvalidOperationException($"No sender is registered for channel '{conversation.Channel}'.");
}
