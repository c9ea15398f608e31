using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Handoff;

namespace Atendimento.Bot.Tests.Dialogs;

/// <summary>The <c>idleTimeout</c> section of bot.yaml: what it means, and its mistakes reported at their lines.</summary>
public sealed class InactivityPolicyTests : IDisposable
{
    private const string Section = """

        idleTimeout:
          menuAfterMinutes: [5, 10]
          closeAfterMinutes: 15
          prompt: "Ainda está aí? 1 continuar, 2 atendente, 3 encerrar."
          options: ["Continuar", "Atendente", "Encerrar"]
          goodbye: "Até logo!"
          closed: "Encerrado por falta de resposta."
          handoff:
            reason: timeout_menu
            level: N1
            queue: atendimento-geral
        """;

    private readonly DialogFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_shipped_policy_sends_the_menu_at_five_and_ten_minutes_and_closes_at_fifteen()
    {
        var errors = new List<DialogError>();
        var inactivity = DialogLoader.TryLoad(RepositoryRoot.Dialogs, errors)!.Policy.Inactivity!;

        Assert.Empty(errors);
        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)], inactivity.MenuAfter);
        Assert.Equal(TimeSpan.FromMinutes(15), inactivity.CloseAfter);
        Assert.Equal(HandoffReasons.TimeoutMenu, inactivity.Handoff.Reason);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 10)]
    [InlineData(2, 15)]
    [InlineData(3, null)]
    public void Each_reminder_sent_moves_the_next_deadline_along_until_none_is_left(int remindersSent, int? minutes)
    {
        var policy = Load(Section)!;

        Assert.Equal(minutes is null ? null : TimeSpan.FromMinutes(minutes.Value), policy.Next(remindersSent));
    }

    [Fact]
    public void Without_a_close_the_menus_are_the_last_thing_the_bot_does()
    {
        var policy = Load(Section.Replace("  closeAfterMinutes: 15\n", string.Empty, StringComparison.Ordinal))!;

        Assert.Null(policy.CloseAfter);
        Assert.Null(policy.Next(2));
    }

    [Fact]
    public void Menu_times_out_of_order_are_reported_at_their_line() =>
        AssertOneError(Section.Replace("[5, 10]", "[10, 5]", StringComparison.Ordinal), "menuAfterMinutes: [10, 5]", "'menuAfterMinutes' must be in increasing order");

    [Fact]
    public void A_close_before_the_last_menu_is_reported_at_its_line() =>
        AssertOneError(Section.Replace("closeAfterMinutes: 15", "closeAfterMinutes: 10", StringComparison.Ordinal), "closeAfterMinutes: 10", "'closeAfterMinutes' must come after the last of 'menuAfterMinutes'");

    [Fact]
    public void A_menu_without_exactly_three_options_is_reported_at_its_line() =>
        AssertOneError(Section.Replace("\"Atendente\", ", string.Empty, StringComparison.Ordinal), "options: [\"Continuar\", \"Encerrar\"]", "'options' must list exactly three titles");

    [Fact]
    public void A_handoff_with_an_unknown_reason_is_reported_at_its_line() =>
        AssertOneError(Section.Replace("reason: timeout_menu", "reason: preguica", StringComparison.Ordinal), "reason: preguica", "unknown handoff reason 'preguica'");

    private InactivityPolicy? Load(string section)
    {
        _folder.Write(DialogLoader.PolicyFile, DialogFolder.ValidPolicy + section);
        var errors = new List<DialogError>();
        var definition = DialogLoader.TryLoad(_folder.Root, errors);
        Assert.Empty(errors);
        return definition!.Policy.Inactivity;
    }

    private void AssertOneError(string section, string fragment, string message)
    {
        var policy = DialogFolder.ValidPolicy + section;
        _folder.Write(DialogLoader.PolicyFile, policy);

        var error = Assert.Single(_folder.Errors());

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(DialogFolder.LineOf(policy, fragment), error.Line);
    }
}
