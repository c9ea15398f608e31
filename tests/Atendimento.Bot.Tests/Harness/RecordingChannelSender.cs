using Atendimento.Bot.Activities;
using Atendimento.Bot.Conversations;

namespace Atendimento.Bot.Tests.Harness;

/// <summary>The "test" channel: keeps every activity sent to the customer, in order, whoever sent it (bot or agent).</summary>
internal sealed class RecordingChannelSender : IChannelSender
{
    public const string Name = "test";

    private readonly Lock _gate = new();
    private readonly List<Activity> _sent = [];

    public string Channel => Name;

    public IReadOnlyList<Activity> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    public Task SendAsync(ConversationState conversation, IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _sent.AddRange(activities);
        }
        return Task.CompletedTask;
    }
}
