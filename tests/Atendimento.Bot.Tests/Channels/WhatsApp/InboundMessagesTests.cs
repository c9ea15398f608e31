using System.Text.Json.Nodes;
using Atendimento.Bot.Activities;
using Atendimento.Bot.Channels.WhatsApp;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

/// <summary>Every inbound type of specs §2 becomes an activity the turn can run on.</summary>
public sealed class InboundMessagesTests
{
    [Fact]
    public void A_text_message_is_a_message_activity_from_the_customer_to_the_number()
    {
        var message = Single("01_text");
        var activity = message.Activity;

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("Olá, quero a segunda via", activity.Text);
        Assert.Equal("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", activity.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1749416383), activity.Timestamp);
        Assert.Equal(new ChannelAccount(WhatsAppFixtures.Customer, "Sheena Nelson", "user"), activity.From);
        Assert.Equal(WhatsAppFixtures.PhoneNumberId, activity.Recipient!.Id);
        Assert.Equal("whatsapp", activity.ChannelId);
        // The number reaches the user account, never the conversation id (ids go to logs; numbers must not).
        Assert.Equal(WhatsAppFixtures.Customer, message.Address.User!.Id);
        Assert.Equal(WhatsAppConversationIds.For(WhatsAppFixtures.ConversationIdKey, WhatsAppFixtures.PhoneNumberId, WhatsAppFixtures.Customer), message.Address.ConversationId);
        Assert.DoesNotContain(WhatsAppFixtures.Customer, message.Address.ConversationId, StringComparison.Ordinal);
        Assert.Equal(message.Address.ConversationId, activity.Conversation!.Id);
        Assert.Equal(WhatsAppFixtures.PhoneNumberId, message.Address.Bot.Id);
    }

    [Fact]
    public void A_button_reply_answers_with_its_title_and_keeps_the_id_and_the_message_it_replies_to()
    {
        var activity = Single("02_interactive_button_reply").Activity;
        Assert.Equal("Sim", activity.Text);
        Assert.Equal("confirm_yes", activity.Value!["id"]!.GetValue<string>());
        Assert.Equal("wamid.OUR_INTERACTIVE", activity.ReplyToId);
        Assert.Equal("wamid.OUR_INTERACTIVE", activity.ChannelData!["context"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void A_list_reply_to_one_of_our_rows_answers_with_the_offered_value_not_the_clipped_title()
    {
        var activity = Single("03_interactive_list_reply").Activity;
        Assert.Equal("Segunda via de boleto", activity.Text);
        Assert.Equal("interactive", Type(activity));
    }

    [Fact]
    public void A_template_quick_reply_answers_with_its_text_and_keeps_the_payload()
    {
        var activity = Single("04_template_button").Activity;
        Assert.Equal("Parar promoções", activity.Text);
        Assert.Equal("STOP_PROMOS", activity.Value!["payload"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("05_image_caption", "image/jpeg", "image", "meu comprovante", "1234567890")]
    [InlineData("06_document", "application/pdf", "fatura.pdf", "fatura de março", "2234567890")]
    [InlineData("07_audio_voice", "audio/ogg; codecs=opus", "audio", null, "3234567890")]
    [InlineData("08_video", "video/mp4", "video", null, "4234567890")]
    [InlineData("09_sticker", "image/webp", "sticker", null, "5234567890")]
    public void Media_is_an_attachment_with_the_media_id_and_the_caption_as_text(string fixture, string contentType, string name, string? caption, string mediaId)
    {
        var activity = Single(fixture).Activity;
        var attachment = Assert.Single(activity.Attachments!);
        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal(caption, activity.Text);
        Assert.Equal(contentType, attachment.ContentType);
        Assert.Equal(name, attachment.Name);
        Assert.Equal(mediaId, attachment.Content!["id"]!.GetValue<string>());
    }

    [Fact]
    public void A_voice_note_is_marked_as_voice()
    {
        Assert.True(Single("07_audio_voice").Activity.Attachments![0].Content!["voice"]!.GetValue<bool>());
    }

    [Fact]
    public void A_location_is_a_geo_coordinates_entity_and_an_attachment()
    {
        var activity = Single("10_location").Activity;
        var geo = Assert.Single(activity.Entities!);
        Assert.Equal("GeoCoordinates", geo["type"]!.GetValue<string>());
        Assert.Equal(-23.5505, geo["latitude"]!.GetValue<double>());
        Assert.Equal(-46.6333, geo["longitude"]!.GetValue<double>());
        Assert.Equal("localização", Assert.Single(activity.Attachments!).Name);
    }

    [Fact]
    public void Shared_contacts_are_an_attachment_with_the_cards()
    {
        var attachment = Assert.Single(Single("11_contacts").Activity.Attachments!);
        Assert.Equal("application/vnd.whatsapp.contacts", attachment.ContentType);
        Assert.Equal("Maria Souza", attachment.Content![0]!["name"]!["formatted_name"]!.GetValue<string>());
    }

    [Fact]
    public void A_reaction_is_a_message_reaction_to_the_message_it_reacts_to()
    {
        var added = Single("12_reaction").Activity;
        Assert.Equal("messageReaction", added.Type);
        Assert.Equal("wamid.OUR_REPLY", added.ReplyToId);
        Assert.Equal("👍", added.Value!["emoji"]!.GetValue<string>());
        Assert.False(added.Value!["removed"]!.GetValue<bool>());
        Assert.True(Single("13_reaction_removed").Activity.Value!["removed"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("14_unsupported", "poll_creation", 131051)]
    [InlineData("17_interactive_missing_object", "interactive", null)]
    [InlineData("18_unknown_type", "order", null)]
    public void Unsupported_unknown_and_broken_messages_are_messages_the_bot_can_answer(string fixture, string type, int? code)
    {
        var activity = Single(fixture).Activity;
        var attachment = Assert.Single(activity.Attachments!);
        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal(InboundMessages.UnsupportedContentType, attachment.ContentType);
        Assert.Equal(type, attachment.Content!["type"]!.GetValue<string>());
        Assert.Equal(code, attachment.Content!["errorCode"]?.GetValue<int>());
    }

    [Fact]
    public void Messages_of_a_batch_come_out_in_timestamp_order_with_the_names_matched_by_wa_id()
    {
        var messages = InboundMessages.Read(WhatsAppFixtures.Value("15_batch_contacts_reversed"), WhatsAppFixtures.PhoneNumberId, WhatsAppFixtures.ConversationIdKey);

        Assert.Equal(["wamid.A", "wamid.B", "wamid.C"], messages.Select(m => m.MessageId));
        Assert.Equal(["primeira mensagem", "segunda mensagem", "de outra pessoa"], messages.Select(m => m.Activity.Text));
        Assert.Equal(["Sheena Nelson", "Sheena Nelson", "João Lima"], messages.Select(m => m.Activity.From!.Name));
        Assert.Equal("5511988887777", messages[2].Address.User!.Id);
        Assert.NotEqual(messages[0].Address.ConversationId, messages[2].Address.ConversationId);
        Assert.Equal(messages[0].Address.ConversationId, messages[1].Address.ConversationId);
    }

    [Fact]
    public void Forwarding_and_the_ad_referral_travel_in_channel_data()
    {
        var activity = Single("16_forwarded_with_referral").Activity;
        Assert.True(activity.ChannelData!["context"]!["forwarded"]!.GetValue<bool>());
        Assert.Equal("ADID", activity.ChannelData!["referral"]!["source_id"]!.GetValue<string>());
        Assert.Null(activity.ReplyToId);
    }

    [Fact]
    public void A_change_with_only_statuses_or_errors_has_no_messages()
    {
        Assert.Empty(InboundMessages.Read(WhatsAppFixtures.Value("19_status_failed_131047"), WhatsAppFixtures.PhoneNumberId, WhatsAppFixtures.ConversationIdKey));
        Assert.Empty(InboundMessages.Read(WhatsAppFixtures.Value("21_system_error"), WhatsAppFixtures.PhoneNumberId, WhatsAppFixtures.ConversationIdKey));
    }

    [Fact]
    public void A_message_without_id_or_sender_is_skipped_and_odd_shapes_do_not_throw()
    {
        var value = JsonNode.Parse("""
            {"contacts": "not an array", "messages": [ 42, {"id": "wamid.X", "type": "text"}, {"from": "1", "type": "text"},
              {"from": "5511", "id": "wamid.Y", "timestamp": "not a number", "type": 7, "text": "not an object"} ]}
            """)!.AsObject();
        var message = Assert.Single(InboundMessages.Read(value, WhatsAppFixtures.PhoneNumberId, WhatsAppFixtures.ConversationIdKey));
        Assert.Equal("wamid.Y", message.MessageId);
        Assert.Null(message.Activity.Timestamp);
        Assert.Equal(InboundMessages.UnsupportedContentType, message.Activity.Attachments![0].ContentType);
    }

    private static InboundMessage Single(string fixture) =>
        Assert.Single(InboundMessages.Read(WhatsAppFixtures.Value(fixture), WhatsAppFixtures.PhoneNumberId, WhatsAppFixtures.ConversationIdKey));

    private static string? Type(Activity activity) => activity.ChannelData?["type"]?.GetValue<string>();
}
