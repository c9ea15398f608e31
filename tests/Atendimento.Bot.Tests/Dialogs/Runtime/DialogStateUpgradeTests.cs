using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Dialogs.Runtime;
using Atendimento.Bot.Tests.Harness;

namespace Atendimento.Bot.Tests.Dialogs.Runtime;

/// <summary>Schema 1 states (one intent, one position, no version) become a one-frame stack that knows what its step collects.</summary>
public sealed class DialogStateUpgradeTests
{
    private static readonly BotDefinition Shipped = DialogLoader.Load(RepositoryRoot.Dialogs);

    [Fact]
    public void A_position_at_a_waiting_step_keeps_it_with_the_current_version_and_what_it_collects()
    {
        var legacy = new DialogState { Schema = 1, LegacyIntent = "segunda_via", LegacyPosition = [2], LegacyRetries = 1, Values = new Dictionary<string, string> { ["cpf"] = "52998224725" } };

        var upgraded = DialogStateUpgrade.Upgrade(legacy, Shipped);

        var frame = Assert.Single(upgraded.Stack);
        Assert.Equal(("segunda_via", Shipped.Find("segunda_via")!.Version, 1, "choice:ajuda_boleto"), (frame.Intent, frame.Version, frame.Retries, frame.Awaiting));
        Assert.Equal([2], frame.Position);
        Assert.Equal((DialogState.CurrentSchema, (string?)null, (IReadOnlyList<int>?)null, (int?)null), (upgraded.Schema, upgraded.LegacyIntent, upgraded.LegacyPosition, upgraded.LegacyRetries));
        Assert.Equal("52998224725", upgraded.Values["cpf"]);
    }

    [Fact]
    public void A_position_that_leads_to_no_waiting_step_is_kept_without_what_it_collects_so_the_dialog_restarts()
    {
        var legacy = new DialogState { Schema = 1, LegacyIntent = "segunda_via", LegacyPosition = [2, 1, 0] };

        var frame = Assert.Single(DialogStateUpgrade.Upgrade(legacy, Shipped).Stack);

        Assert.Null(frame.Awaiting);
    }

    [Fact]
    public void An_idle_schema_1_state_has_an_empty_stack_and_a_current_one_is_left_alone()
    {
        Assert.Empty(DialogStateUpgrade.Upgrade(new DialogState { Schema = 1 }, Shipped).Stack);

        var current = new DialogState { Stack = [new DialogFrame("planos", "x", [1], 0, "choice:contratar")] };
        Assert.Same(current, DialogStateUpgrade.Upgrade(current, Shipped));
    }
}
