using Atendimento.Bot.Channels.WhatsApp;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

public sealed class InboundStatusesTests
{
    [Fact]
    public void A_failed_status_carries_its_error_code()
    {
        var status = Assert.Single(InboundStatuses.Read(WhatsAppFixtures.Value("19_status_failed_131047")));
        Assert.Equal(new StatusUpdate("wamid.SENT1", "failed", DeliveryState.Failed, 131047, DateTimeOffset.FromUnixTimeSeconds(1750857384)), status);
        Assert.Equal("status:wamid.SENT1:failed", status.Key);
    }

    [Fact]
    public void Statuses_come_out_oldest_first_and_untracked_ones_are_skipped()
    {
        var statuses = InboundStatuses.Read(WhatsAppFixtures.Value("20_statuses_out_of_order"));
        Assert.Equal(["sent", "read"], statuses.Select(s => s.Status));
    }

    [Fact]
    public void System_errors_are_read_by_code()
    {
        Assert.Equal([130429], InboundStatuses.SystemErrors(WhatsAppFixtures.Value("21_system_error")));
    }

    [Theory]
    [InlineData(DeliveryState.Queued, DeliveryState.Sent, true)]
    [InlineData(DeliveryState.Sent, DeliveryState.Read, true)]
    [InlineData(DeliveryState.Sent, DeliveryState.Failed, true)]
    [InlineData(DeliveryState.Delivered, DeliveryState.Sent, false)]
    [InlineData(DeliveryState.Read, DeliveryState.Delivered, false)]
    [InlineData(DeliveryState.Delivered, DeliveryState.Failed, false)]
    [InlineData(DeliveryState.Failed, DeliveryState.Read, false)]
    public void Delivery_state_only_moves_forward(DeliveryState from, DeliveryState to, bool allowed)
    {
        Assert.Equal(allowed, DeliveryStates.CanMove(from, to));
    }
}
