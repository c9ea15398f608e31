using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atendimento.Handoff;

/// <summary>How the handoff record looks on the ticket: camelCase, enums as their names.</summary>
public static class HandoffJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
