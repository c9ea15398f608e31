using System.Text.Json;
using Atendimento.Bot.Conversations;
using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Tests.Dialogs.Runtime;

/// <summary>
/// A dialog file edited (hot reload) while a conversation waits in it: the conversation goes on where the same
/// step still waits, follows the step when it moved, and starts the dialog again when the step is gone.
/// </summary>
public sealed class EditedDialogTests : IAsyncDisposable
{
    private const string Cpf = "529.982.247-25";

    private readonly DialogFolder _folder = new();
    private readonly ConversationHarness _bot;

    public EditedDialogTests() => _bot = new ConversationHarness(dialogs: _folder.Root);

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task An_edit_elsewhere_in_the_file_lets_the_conversation_go_on_with_the_new_texts()
    {
        await _bot.Send("boleto").AssertReply("CPF?");
        var before = (await _bot.ConversationAsync()).Dialog.Stack.Single().Version;

        Edit(DialogFolder.ValidIntent.Replace("say: \"CPF {cpf}\"", "say: \"Seu CPF: {cpf}\"", StringComparison.Ordinal));

        await _bot.Send(Cpf).AssertReply("Seu CPF: 52998224725").AssertNoReply();
        Assert.NotEqual(before, _bot.Catalog.Current.Definition.Find("boleto")!.Version);
    }

    [Fact]
    public async Task When_the_waiting_step_moved_the_conversation_follows_it()
    {
        await _bot.Send("boleto").AssertReply("CPF?");

        Edit(DialogFolder.ValidIntent.Replace("steps:\n", "steps:\n  - say: \"Vamos lá\"\n", StringComparison.Ordinal));

        await _bot.Send(Cpf).AssertReply("CPF 52998224725").AssertNoReply();
    }

    [Fact]
    public async Task When_the_waiting_step_is_gone_the_dialog_starts_again_from_its_first_step_and_records_the_new_version()
    {
        await _bot.Send("boleto").AssertReply("CPF?");

        Edit(DialogFolder.ValidIntent.Replace("ask: cpf", "ask: documento", StringComparison.Ordinal).Replace("{cpf}", "{documento}", StringComparison.Ordinal)
            .Replace("steps:\n", "steps:\n  - say: \"Vamos recomeçar.\"\n", StringComparison.Ordinal));

        await _bot.Send(Cpf).AssertReply("Vamos recomeçar.").AssertReply("CPF?").AssertNoReply();

        var frame = Assert.Single((await _bot.ConversationAsync()).Dialog.Stack);
        Assert.Equal((_bot.Catalog.Current.Definition.Find("boleto")!.Version, "ask:documento"), (frame.Version, frame.Awaiting));
        await _bot.Send(Cpf).AssertReply("CPF 52998224725");
    }

    [Fact]
    public async Task When_the_intent_was_removed_the_message_is_triaged_as_a_new_subject()
    {
        _folder.Write("intents/plano.yaml", "intent: plano\ntitle: Plano\nexamples: [quero mudar de plano]\nsteps:\n  - ask: velocidade\n    prompt: \"Qual velocidade?\"\n");
        Assert.True(_bot.Catalog.Reload());
        await _bot.Send("quero mudar de plano").AssertReply("Qual velocidade?");

        File.Delete(_folder.PathOf("intents/plano.yaml"));
        Assert.True(_bot.Catalog.Reload());

        await _bot.Send("boleto").AssertReply("CPF?").AssertNoReply();
        Assert.Equal("boleto", (await _bot.ConversationAsync()).Dialog.Intent);
    }

    [Fact]
    public async Task A_conversation_stored_with_schema_1_is_upgraded_and_goes_on_at_its_step()
    {
        var json = """{"schema":1,"intent":"boleto","position":[0],"retries":1,"values":{},"failedRecognitions":0,"trail":[]}""";
        var legacy = JsonSerializer.Deserialize<DialogState>(json, ConversationJson.Options)!;
        await _bot.Conversations.SaveAsync(new ConversationState
        {
            TenantId = TenantId.Default,
            Id = _bot.ConversationId,
            Channel = "test",
            Address = _bot.Address,
            Welcomed = true,
            Dialog = legacy,
        });

        await _bot.Send(Cpf).AssertReply("CPF 52998224725").AssertNoReply();

        var stored = (await _bot.ConversationAsync()).Dialog;
        Assert.Equal(DialogState.CurrentSchema, stored.Schema);
        var written = JsonSerializer.Serialize(stored, ConversationJson.Options);
        Assert.DoesNotContain("\"intent\"", written, StringComparison.Ordinal);
        Assert.Contains("\"schema\":2", written, StringComparison.Ordinal);
    }

    private void Edit(string intentYaml)
    {
        _folder.Write("intents/boleto.yaml", intentYaml);
        Assert.True(_bot.Catalog.Reload(), string.Join('\n', _bot.Catalog.LastReloadErrors));
    }
}
