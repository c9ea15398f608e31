using System.Text.Json;
using System.Text.Json.Serialization;
using Atendimento.Bot.Activities;

namespace Atendimento.Bot.Conversations;

/// <summary>How conversation state is stored: the activity conventions plus enums by name, so stored rows stay readable.</summary>
public static class ConversationJson
{
    public static readonly JsonSerializerOptions Options = new(ActivityJson.Options)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
