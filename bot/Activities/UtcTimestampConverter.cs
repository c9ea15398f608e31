using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atendimento.Bot.Activities;

/// <summary>Activity timestamps are UTC with a trailing Z (ACT A2043); System.Text.Json would write "+00:00".</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
}
