using Atendimento.Bot.Activities;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Conversations;

/// <summary>An activity a channel adapter received and accepted, with where it came from.</summary>
public sealed record InboundActivity(TenantId TenantId, string Channel, ChannelAddress Address, Activity Activity)
{
    public string ConversationId => ConversationState.IdFor(Channel, Address.ConversationId);
}
