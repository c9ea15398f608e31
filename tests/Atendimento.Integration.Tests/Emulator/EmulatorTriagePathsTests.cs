using System.Text.Json.Nodes;
using Atendimento.Bot.Activities;
using Atendimento.Bot.Dialogs;
using Atendimento.Handoff;
using Atendimento.Integration.Tests.Hosting;
using Atendimento.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Atendimento.Integration.Tests.Emulator;

/// <summary>
/// Every path of the triage policy through the Emulator's protocol, on a host with the shipped dialogs and a fake
/// clock (Monday 09:00 in São Paulo, inside business hours, unless a test moves it): answer, clarify and pick,
/// clarify and "nenhuma dessas", rephrase, a handoff for each reason, the inactivity menu and business hours.
/// </summary>
public sealed class EmulatorTriagePathsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private AtendimentoHost _host = null!;
    private EmulatorUser _user = null!;

    private BotPolicy Policy => _host.Services.GetRequiredService<DialogCatalog>().Current.Definition.Policy;

    public async Task InitializeAsync()
    {
        _host = AtendimentoHost.Start(postgres: null, redis: null, services: services => services.AddSingleton<TimeProvider>(_clock));
        _user = await EmulatorUser.StartAsync(_host);
    }

    public async Task DisposeAsync()
    {
        await _user.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_clear_message_is_answered_by_its_dialog()
    {
        await _user.SayAsync("quero conhecer os planos");

        Assert.StartsWith("Nossos planos de fibra", (await _user.NextMessageAsync()).Text, StringComparison.Ordinal);
        var question = await _user.NextMessageAsync();
        Assert.Equal("Quer contratar ou mudar de plano agora?", question.Text);
        Assert.NotEmpty(question.SuggestedActions!.Actions);
    }

    [Fact]
    public async Task An_unsure_message_gets_the_candidates_as_suggested_actions_and_a_pick_runs_the_dialog()
    {
        await _user.SayAsync("fibra");
        var offer = await _user.NextMessageAsync();
        Assert.Equal(Policy.Clarification!.Prompt, offer.Text);
        Assert.Equal(["Conhecer os planos", Policy.Clarification.NoneOfThese], offer.SuggestedActions!.Actions.Select(a => a.Title));
        Assert.All(offer.SuggestedActions.Actions, action => Assert.Equal("imBack", action.Type));

        await _user.SayAsync("Conhecer os planos");

        Assert.StartsWith("Nossos planos de fibra", (await _user.NextMessageAsync()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task None_of_these_asks_the_customer_to_rephrase()
    {
        await _user.SayAsync("fibra");
        await _user.NextMessageAsync();

        await _user.SayAsync(Policy.Clarification!.NoneOfThese);

        Assert.Equal(Policy.Clarification.Rephrase, (await _user.NextMessageAsync()).Text);
    }

    [Fact]
    public async Task A_message_not_understood_asks_to_rephrase_and_a_second_one_hands_off_as_low_confidence()
    {
        await _user.SayAsync("xyzzy qwerty asdf");
        var rephrase = await _user.NextMessageAsync();
        Assert.Equal(Policy.NotUnderstood, rephrase.Text);
        Assert.NotEmpty(rephrase.SuggestedActions!.Actions);

        await _user.SayAsync("zzzz kkkk wwww");

        var handoff = await HandoffAsync();
        Assert.Equal((HandoffReasons.LowConfidence, "N1"), ((string?)handoff["reason"], (string?)handoff["level"]));
    }

    [Theory]
    [InlineData(HandoffReasons.ExplicitRequest, "N1", "quero falar com um atendente")]
    [InlineData(HandoffReasons.CriticalIntent, "N2", "quero cancelar minha internet")]
    [InlineData(HandoffReasons.CriticalIntent, "N3", "vou abrir uma reclamação na Anatel")]
    [InlineData(HandoffReasons.DialogRule, "N1", "quero a segunda via", "52998224725", "Não consegui")]
    [InlineData(HandoffReasons.NegativeSentiment, "N1", "vocês são uns ladrões")]
    [InlineData(HandoffReasons.UnsupportedLanguage, "N1", "Hello, I need help with my bill please")]
    public async Task Each_handoff_reason_reaches_the_emulator_as_a_handoff_initiate_event_with_its_level(string reason, string level, params string[] messages)
    {
        foreach (var message in messages)
        {
            await _user.SayAsync(message);
        }

        var handoff = await HandoffAsync();

        Assert.Equal((reason, level), ((string?)handoff["reason"], (string?)handoff["level"]));
    }

    [Fact]
    public async Task After_five_silent_minutes_the_inactivity_menu_arrives_and_atendente_hands_off_as_timeout_menu()
    {
        await _user.SayAsync("quero a segunda via");
        Assert.Contains("CPF", (await _user.NextMessageAsync()).Text, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(5));

        var menu = await _user.NextMessageAsync();
        Assert.Equal(Policy.Inactivity!.Prompt, menu.Text);
        Assert.Equal(Policy.Inactivity.Options.Titles, menu.SuggestedActions!.Actions.Select(a => a.Title));
        await _user.SayAsync("2");
        Assert.Equal(HandoffReasons.TimeoutMenu, (string?)(await HandoffAsync())["reason"]);
    }

    [Fact]
    public async Task Encerrar_on_the_inactivity_menu_says_goodbye()
    {
        await _user.SayAsync("quero a segunda via");
        await _user.NextMessageAsync();
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(Policy.Inactivity!.Prompt, (await _user.NextMessageAsync()).Text);

        await _user.SayAsync("3");

        Assert.Equal(Policy.Inactivity.Goodbye, (await _user.NextMessageAsync()).Text);
    }

    [Fact]
    public async Task Out_of_business_hours_the_ticket_opens_and_the_customer_is_told_when_people_are_back()
    {
        _clock.Advance(TimeSpan.FromDays(6)); // Sunday 2026-03-08: closed all day.

        await _user.SayAsync("quero falar com um atendente");

        var told = await _user.NextMessageAsync();
        Assert.StartsWith(Policy.Hours!.ClosedMessage[..40], told.Text, StringComparison.Ordinal);
        Assert.Equal(HandoffReasons.ExplicitRequest, (string?)(await _user.NextEventAsync("handoff.initiate")).Value!["reason"]);
    }

    [Fact]
    public async Task Inside_business_hours_the_customer_hears_that_a_person_will_answer_here()
    {
        await _user.SayAsync("quero falar com um atendente");

        Assert.StartsWith("Certo! Vou transferir você", (await _user.NextMessageAsync()).Text, StringComparison.Ordinal);
    }

    /// <summary>Skips the bot's messages up to the handoff event and returns its value.</summary>
    private async Task<JsonNode> HandoffAsync()
    {
        while (true)
        {
            var (_, activity) = await _user.Emulator.NextAsync();
            if (activity.Type == ActivityTypes.Event && activity.Name == "handoff.initiate")
            {
                return activity.Value!;
            }
        }
    }
}
