using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Tests.Harness;

namespace Atendimento.Bot.Tests.Dialogs.Runtime;

/// <summary>A dialog step starts another intent's dialog on the stack; when it completes, the first resumes after the step.</summary>
public sealed class DialogStackTests : IAsyncDisposable
{
    private const string Contrato = """
        intent: contrato
        title: Contrato
        examples: [assinar contrato]
        steps:
          - say: "Antes, preciso do seu CPF."
          - dialog: boleto
          - say: "Contrato assinado."
        """;

    private readonly DialogFolder _folder = new DialogFolder().Write("intents/contrato.yaml", Contrato);
    private readonly ConversationHarness _bot;

    public DialogStackTests() => _bot = new ConversationHarness(dialogs: _folder.Root);

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_started_dialog_waits_on_top_of_the_stack_and_its_end_resumes_the_first()
    {
        await _bot.Send("assinar contrato").AssertReply("Antes, preciso do seu CPF.").AssertReply("CPF?").AssertNoReply();

        var waiting = (await _bot.ConversationAsync()).Dialog;
        Assert.Equal(["contrato", "boleto"], waiting.Stack.Select(frame => frame.Intent));
        Assert.Equal(["dialog:boleto", "ask:cpf"], waiting.Stack.Select(frame => frame.Awaiting));

        await _bot.Send("529.982.247-25").AssertReply("CPF 52998224725").AssertReply("Contrato assinado.").AssertNoReply();
        Assert.Empty((await _bot.ConversationAsync()).Dialog.Stack);
    }

    [Fact]
    public async Task Continuing_after_the_inactivity_menu_asks_the_started_dialogs_question_and_its_answer_resumes_the_first()
    {
        _folder.Write(DialogLoader.PolicyFile, DialogFolder.ValidPolicy + """

            idleTimeout:
              menuAfterMinutes: [5]
              closeAfterMinutes: 10
              prompt: "Ainda aí?"
              options: ["Continuar", "Atendente", "Encerrar"]
              goodbye: "Tchau"
              closed: "Encerrado"
              handoff:
                reason: timeout_menu
                level: N1
                queue: geral
            """);
        Assert.True(_bot.Catalog.Reload(), string.Join('\n', _bot.Catalog.LastReloadErrors));

        await _bot.Send("assinar contrato").AssertReply("Antes, preciso do seu CPF.").AssertReply("CPF?")
            .StaysSilentFor(TimeSpan.FromMinutes(5)).AssertReply("Ainda aí?")
            .Send("1").AssertReply("CPF?").AssertNoReply()
            .Send("529.982.247-25").AssertReply("CPF 52998224725").AssertReply("Contrato assinado.").AssertNoReply();
    }

    [Fact]
    public async Task A_handoff_in_the_started_dialog_ends_the_whole_stack()
    {
        _folder.Write("intents/boleto.yaml", DialogFolder.ValidIntent.Replace("  - say: \"CPF {cpf}\"", "  - handoff:\n      reason: dialog_rule\n      level: N2\n      queue: financeiro", StringComparison.Ordinal));
        Assert.True(_bot.Catalog.Reload());

        await _bot.Send("assinar contrato").AssertReply(_ => { }).AssertReply("CPF?")
            .Send("529.982.247-25").AssertReply(reply => Assert.StartsWith("Protocolo", reply.Text, StringComparison.Ordinal))
            .AssertEvent("handoff.initiate").AssertNoReply();

        Assert.Empty((await _bot.ConversationAsync()).Dialog.Stack);
        Assert.Equal("financeiro", (await _bot.TicketAsync()).Queue);
    }
}
