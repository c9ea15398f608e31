using Atendimento.Integration.Tests.WhatsApp;

namespace Atendimento.WhatsAppLoad;

/// <summary>What a run observed: the keys it handed over, what the fake Graph API took and saw, and the outbox at the end.</summary>
internal sealed record LoadResult(
    IReadOnlyList<string> ExpectedKeys,
    IReadOnlyList<AcceptedMessage> Accepted,
    IReadOnlyList<(string PhoneNumberId, long At)> Requests,
    int InjectedServerErrors,
    OutboxSummary Outbox,
    int FailedDeliveries,
    TimeSpan HandedOver,
    TimeSpan Finished,
    bool Drained);
