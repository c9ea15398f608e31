using System.Text.Json;
using System.Text.Json.Nodes;
using Atendimento.Bot.Conversations;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// Drains the WhatsApp inbox in the background: each accepted change becomes turns (messages, in order) and
/// delivery updates (statuses). A row is completed only after all of it was handled, and every message and status
/// is remembered by its key, so a crash or a retried webhook runs nothing twice.
/// </summary>
public sealed partial class WhatsAppInboxProcessor(
    IWhatsAppInbox inbox,
    IWhatsAppOutbox outbox,
    TicketDeliveryReports tickets,
    WhatsAppReadReceipts readReceipts,
    ConversationTurnProcessor turns,
    WhatsAppInboxSignal signal,
    IOptions<WhatsAppOptions> options,
    TimeProvider clock,
    ILogger<WhatsAppInboxProcessor> logger) : BackgroundService
{
    private const int BatchSize = 20;
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);
    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    /// <summary>How long a status for a wamid we do not know yet is retried before it is taken as someone else's message.</summary>
    public static readonly TimeSpan UnknownStatusPatience = TimeSpan.FromMinutes(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeWhenDueAsync(stoppingToken);
                if (await DrainAsync(stoppingToken) == 0)
                {
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(options.Value.InboxPollMilliseconds), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The store is away (a database restart): wait a poll interval and try again.
                LogDrainFailed(exception);
                await Task.Delay(TimeSpan.FromMilliseconds(options.Value.InboxPollMilliseconds), clock, stoppingToken);
            }
        }
    }

    /// <summary>Handles one claimed batch; returns how many rows it claimed.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var items = await inbox.ClaimAsync(BatchSize, now, now.AddSeconds(options.Value.InboxLeaseSeconds), cancellationToken);
        foreach (var item in items)
        {
            await HandleAsync(item, cancellationToken);
        }
        return items.Count;
    }

    /// <summary>At most once an hour per instance: forgets handled keys older than <see cref="WhatsAppOptions.HandledKeysDays"/>.</summary>
    public async Task PurgeWhenDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (now - _lastPurge < PurgeEvery)
        {
            return;
        }
        await inbox.PurgeAsync(now.AddDays(-options.Value.HandledKeysDays), cancellationToken);
        _lastPurge = now;
    }

    private async Task HandleAsync(InboxItem item, CancellationToken cancellationToken)
    {
        try
        {
            await ProcessAsync(item.Entry, cancellationToken);
            await inbox.CompleteAsync(item.Id, clock.GetUtcNow(), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogItemFailed(exception, item.Id, item.Entry.TenantId.Value, item.Attempts);
            if (item.Attempts >= options.Value.InboxMaxAttempts)
            {
                // A dead letter, kept in the table for inspection; the lease would otherwise bring it back forever.
                await inbox.SetAsideAsync(item.Id, clock.GetUtcNow(), cancellationToken);
                LogSetAside(item.Id, item.Entry.TenantId.Value);
            }
        }
    }

    private async Task ProcessAsync(InboxEntry entry, CancellationToken cancellationToken)
    {
        if (JsonNode.Parse(entry.Payload) is not JsonObject value)
        {
            throw new JsonException("The stored change is not a JSON object.");
        }
        foreach (var message in InboundMessages.Read(value, entry.PhoneNumberId, options.Value.ConversationIdKey))
        {
            var inbound = new InboundActivity(entry.TenantId, InboundMessages.Channel, message.Address, message.Activity);
            await OnceAsync(entry, "msg:" + message.MessageId, () => turns.ProcessAsync(inbound, cancellationToken), cancellationToken);
            if (options.Value.MarkAsRead)
            {
                await OnceAsync(entry, "read:" + message.MessageId,
                    () => readReceipts.MarkReadAsync(entry.TenantId, entry.PhoneNumberId, inbound.ConversationId, message.MessageId, cancellationToken), cancellationToken);
            }
        }
        foreach (var status in InboundStatuses.Read(value))
        {
            await OnceAsync(entry, status.Key, () => ApplyAsync(entry, status, cancellationToken), cancellationToken);
        }
        foreach (var code in InboundStatuses.SystemErrors(value))
        {
            LogSystemError(entry.TenantId.Value, entry.PhoneNumberId, code);
        }
    }

    /// <summary>Runs the work unless its key was handled; remembers the key only after the work is done.</summary>
    private async Task OnceAsync(InboxEntry entry, string key, Func<Task> work, CancellationToken cancellationToken)
    {
        if (await inbox.WasHandledAsync(entry.TenantId, key, cancellationToken))
        {
            // The key holds the wamid, which encodes the customer's number: only its kind is logged.
            LogDuplicate(entry.TenantId.Value, key[..key.IndexOf(':', StringComparison.Ordinal)]);
            return;
        }
        await work();
        await inbox.MarkHandledAsync(entry.TenantId, key, clock.GetUtcNow(), cancellationToken);
    }

    private async Task ApplyAsync(InboxEntry entry, StatusUpdate status, CancellationToken cancellationToken)
    {
        var outcome = await outbox.ApplyStatusAsync(entry.TenantId, status.Wamid, status.State, status.ErrorCode, status.At ?? clock.GetUtcNow(), cancellationToken);
        if (outcome == StatusOutcome.UnknownMessage && clock.GetUtcNow() - entry.ReceivedAt < UnknownStatusPatience)
        {
            // Meta's status can overtake the send's own answer, which is what stores the wamid: try the row again later.
            throw new StatusOvertookSendException();
        }
        if (outcome == StatusOutcome.Applied && await outbox.FindByWamidAsync(entry.TenantId, status.Wamid, cancellationToken) is { } message)
        {
            await tickets.ReportAsync(message, status.State, status.ErrorCode, cancellationToken: cancellationToken);
        }
        if (status.State == DeliveryState.Failed || outcome == StatusOutcome.UnknownMessage)
        {
            LogStatus(entry.TenantId.Value, status.Status, status.ErrorCode ?? -1, outcome);
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Error, Message = "Could not drain the WhatsApp inbox; trying again")]
    private partial void LogDrainFailed(Exception exception);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "WhatsApp inbox row {InboxId} of tenant {TenantId} failed (attempt {Attempt}); it will be retried")]
    private partial void LogItemFailed(Exception exception, long inboxId, string tenantId, int attempt);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Error, Message = "WhatsApp inbox row {InboxId} of tenant {TenantId} was set aside as a dead letter")]
    private partial void LogSetAside(long inboxId, string tenantId);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Information, Message = "Skipped a {Kind} of tenant {TenantId} already handled")]
    private partial void LogDuplicate(string tenantId, string kind);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Warning, Message = "A {Status} status of tenant {TenantId} with code {Code}: {Outcome}")]
    private partial void LogStatus(string tenantId, string status, int code, StatusOutcome outcome);

    [LoggerMessage(EventId = 5206, Level = LogLevel.Error, Message = "WhatsApp reported system error {Code} for phone number id {PhoneNumberId} of tenant {TenantId}")]
    private partial void LogSystemError(string tenantId, string phoneNumberId, int code);
}

/// <summary>A status for a wamid not stored yet, received moments ago: the inbox row is tried again after its lease.</summary>
public sealed class StatusOvertookSendException() : Exception("A status arrived before the wamid of its message was stored.");
