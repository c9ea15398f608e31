using System.Net;
using System.Net.Http.Json;
using Atendimento.Bot.Activities;
using Atendimento.Integration.Tests.Hosting;

namespace Atendimento.Integration.Tests.Emulator;

/// <summary>
/// One Emulator user in one conversation: posts activities to the bot's /api/messages as the Emulator does (its own
/// ids, channelId "emulator", the serviceUrl of a <see cref="FakeEmulator"/>, both accounts) and reads what the
/// bot sent back to that serviceUrl.
/// </summary>
public sealed class EmulatorUser : IAsyncDisposable
{
    private readonly HttpClient _bot;

    private EmulatorUser(FakeEmulator emulator, HttpClient bot)
    {
        Emulator = emulator;
        _bot = bot;
    }

    // The Emulator's conversation ids carry '|', which must be escaped in reply URLs (specs §6.13).
    public string ConversationId { get; } = $"{Guid.NewGuid()}|livechat";

    public ChannelAccount User { get; } = new(Guid.NewGuid().ToString(), "User", "user");

    public ChannelAccount Bot { get; } = new("bot-id", "Bot", "bot");

    public FakeEmulator Emulator { get; }

    public static async Task<EmulatorUser> StartAsync(AtendimentoHost host) => new(await FakeEmulator.StartAsync(), host.Http());

    public Task<string> JoinAsync() => PostAsync(new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [User, Bot] });

    public Task<string> SayAsync(string text) => PostAsync(Message(text));

    /// <summary>Posts and expects 200; returns the activity id the Emulator gave it.</summary>
    public async Task<string> PostAsync(Activity activity)
    {
        var sent = Addressed(activity);
        using var response = await SendAsync(sent);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return sent.Id!;
    }

    public Task<HttpResponseMessage> SendAsync(Activity activity) => _bot.PostAsJsonAsync("/api/messages", Addressed(activity), ActivityJson.Options);

    public Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    /// <summary>The next activity the bot sent, which must be a message; returns it for further checks.</summary>
    public async Task<Activity> NextMessageAsync()
    {
        var (_, activity) = await Emulator.NextAsync();
        Assert.True(activity.Type == ActivityTypes.Message, $"Expected a message, got {activity.Type} {activity.Name}");
        return activity;
    }

    /// <summary>The next activity, which must be the event <paramref name="name"/>.</summary>
    public async Task<Activity> NextEventAsync(string name)
    {
        var (_, activity) = await Emulator.NextAsync();
        Assert.True(activity.Type == ActivityTypes.Event && activity.Name == name, $"Expected the event {name}, got {activity.Type} {activity.Name ?? activity.Text}");
        return activity;
    }

    public async ValueTask DisposeAsync()
    {
        _bot.Dispose();
        await Emulator.DisposeAsync();
    }

    private Activity Addressed(Activity activity) =>
        activity with
        {
            Id = activity.Id ?? Guid.NewGuid().ToString(),
            ChannelId = "emulator",
            ServiceUrl = Emulator.ServiceUrl,
            From = User,
            Recipient = Bot,
            Conversation = new ConversationAccount(ConversationId),
            Locale = "pt-BR",
        };
}
