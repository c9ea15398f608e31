using System.Text.Json;
using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Trained;
using Atendimento.Bot.Tests.Harness;
using Atendimento.Handoff;
using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Tests.Conversations;

/// <summary>
/// The default pt-BR dialog set (issue 4): mudança de endereço, promessa de pagamento, and the critical intents
/// cancelamento (N2) and reclamação na Anatel/Procon (N3), driven through the real turn processor, plus how well
/// the shipped recognizer places phrasings that are not among the examples.
/// </summary>
public sealed class DefaultDialogsTests : IAsyncDisposable
{
    private const string CepPrompt = "Qual é o CEP do novo endereço? Digite só os 8 números.";
    private const string CepRetry = "Não encontrei números aí. Digite o CEP do novo endereço, só os 8 números (por exemplo 01310100).";
    private const string NumeroPrompt = "E qual é o número do imóvel? Se tiver complemento (apto, bloco), pode mandar junto.";
    private const string PromessaCpfPrompt = "Vamos registrar seu pedido de prazo. Me informe o CPF do titular (só os números).";
    private const string CpfRetry = "Esse CPF não parece válido. Confira e digite os 11 números, por favor.";
    private const string DateQuestion = "Até quando você consegue pagar?";
    private const string PromessaConfirmation = "Anotado! Eu não consigo registrar a promessa sozinha: uma pessoa do financeiro vai conferir sua fatura e confirmar a data com você por aqui.";
    private const string SegundaViaCpfPrompt = "Para localizar sua fatura, me informe o CPF do titular (só os números).";
    private static readonly string[] DateOptions = ["Até sexta", "Até o dia 10", "Outra data"];

    private static readonly BotDefinition Shipped = DialogLoader.Load(RepositoryRoot.Dialogs);
    private static readonly IIntentRecognizer ShippedRecognizer = new DialogRecognizerTrainer().Create(Shipped.ExamplesByIntent());

    private readonly ConversationHarness _bot = new();

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Mudanca_de_endereco_asks_the_cep_again_until_it_has_digits_then_the_numero_and_hands_off_to_cadastro()
    {
        await _bot.Send("preciso mudar o endereco da minha internet")
            .AssertReply(r => Assert.StartsWith("Vamos cuidar da sua mudança!", r.Text, StringComparison.Ordinal))
            .AssertReply(CepPrompt)
            .Send("nao sei de cabeca").AssertReply(CepRetry).AssertSuggestedActions()
            .Send("01310-100").AssertReply(NumeroPrompt)
            .Send("123 apto 45")
            .AssertReply(r =>
            {
                Assert.StartsWith("Anotei: CEP 01310100, número 123 apto 45.", r.Text, StringComparison.Ordinal);
                Assert.Contains("Eu não consigo agendar", r.Text, StringComparison.Ordinal);
            })
            .AssertReply(HandoffStarted(1))
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.DialogRule, (string?)e.Value!["reason"]))
            .AssertNoReply();

        var ticket = await _bot.TicketAsync();
        Assert.Equal((SupportLevel.N1, "mudanca-endereco", HandoffReasons.DialogRule), (ticket.Level, ticket.Queue, ticket.ReasonCode));
        Assert.Equal(["cadastro"], ticket.Skills);
        var record = Record(ticket);
        Assert.Equal("mudanca_endereco", record.Intent);
        Assert.Equal("01310100", record.CollectedData["cep"]);
        Assert.Equal("123 apto 45", record.CollectedData["numero"]);
    }

    [Fact]
    public async Task Promessa_de_pagamento_validates_the_cpf_offers_the_dates_and_hands_off_to_financeiro_with_both()
    {
        await _bot.Send("posso pagar a fatura so na sexta?").AssertReply(PromessaCpfPrompt)
            .Send("111.111.111-11").AssertReply(CpfRetry)
            .Send("529.982.247-25").AssertReply(DateQuestion).AssertSuggestedActions(DateOptions)
            .Send("Até o dia 10")
            .AssertReply(PromessaConfirmation)
            .AssertReply(HandoffStarted(1))
            .AssertEvent("handoff.initiate", e => Assert.Equal(("N1", "financeiro"), ((string?)e.Value!["level"], (string?)e.Value["queue"])))
            .AssertNoReply();

        var ticket = await _bot.TicketAsync();
        Assert.Equal((SupportLevel.N1, "financeiro", HandoffReasons.DialogRule), (ticket.Level, ticket.Queue, ticket.ReasonCode));
        Assert.Equal(["financeiro"], ticket.Skills);
        var record = Record(ticket);
        Assert.Equal("promessa_pagamento", record.Intent);
        Assert.Equal("52998224725", record.CollectedData["cpf"]);
        Assert.Equal("Até o dia 10", record.CollectedData["data"]);
    }

    [Fact]
    public async Task Promessa_de_pagamento_with_another_date_asks_for_it_and_passes_it_on()
    {
        await _bot.Send("queria pagar so semana q vem, pode?").AssertReply(PromessaCpfPrompt)
            .Send("52998224725").AssertReply(DateQuestion)
            .Send("3").AssertReply(r => Assert.StartsWith("Qual data fica boa para você?", r.Text, StringComparison.Ordinal))
            .Send("dia 25").AssertReply(PromessaConfirmation).AssertReply(HandoffStarted(1))
            .AssertEvent("handoff.initiate").AssertNoReply();

        var record = Record(await _bot.TicketAsync());
        Assert.Equal(("Outra data", "dia 25"), (record.CollectedData["data"], record.CollectedData["outra_data"]));
    }

    [Fact]
    public async Task Cancelamento_is_critical_and_hands_off_at_once_to_retencao_at_N2()
    {
        await _bot.Send("quero cancelar o plano")
            .AssertReply(r => Assert.StartsWith("Entendi que você quer cancelar.", r.Text, StringComparison.Ordinal))
            .AssertReply(HandoffStarted(1))
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.CriticalIntent, (string?)e.Value!["reason"]))
            .AssertNoReply();

        var ticket = await _bot.TicketAsync();
        Assert.Equal((SupportLevel.N2, "retencao", HandoffReasons.CriticalIntent), (ticket.Level, ticket.Queue, ticket.ReasonCode));
        Assert.Equal(["cancelamento"], ticket.Skills);
        Assert.Equal("cancelamento", Record(ticket).Intent);
    }

    [Fact]
    public async Task Reclamacao_na_anatel_is_critical_and_hands_off_at_once_to_the_ouvidoria_at_N3()
    {
        await _bot.Send("vcs sao uma vergonha, vou na anatel")
            .AssertReply(r => Assert.StartsWith("Sinto muito que chegou a esse ponto", r.Text, StringComparison.Ordinal))
            .AssertReply(HandoffStarted(1))
            .AssertEvent("handoff.initiate", e => Assert.Equal(("N3", "ouvidoria"), ((string?)e.Value!["level"], (string?)e.Value["queue"])))
            .AssertNoReply();

        var ticket = await _bot.TicketAsync();
        Assert.Equal((SupportLevel.N3, "ouvidoria", HandoffReasons.CriticalIntent), (ticket.Level, ticket.Queue, ticket.ReasonCode));
        Assert.Equal(["ouvidoria"], ticket.Skills);
        Assert.Equal("reclamacao_anatel", Record(ticket).Intent);
    }

    [Fact]
    public async Task Cancelling_while_the_cpf_is_asked_interrupts_the_dialog_and_hands_off_to_retencao()
    {
        await _bot.Send("quero a segunda via").AssertReply(SegundaViaCpfPrompt)
            .Send("quero cancelar")
            .AssertReply(r => Assert.StartsWith("Entendi que você quer cancelar.", r.Text, StringComparison.Ordinal))
            .AssertReply(HandoffStarted(1))
            .AssertEvent("handoff.initiate", e => Assert.Equal(HandoffReasons.CriticalIntent, (string?)e.Value!["reason"]))
            .AssertNoReply();

        var ticket = await _bot.TicketAsync();
        Assert.Equal((SupportLevel.N2, "retencao", "cancelamento"), (ticket.Level, ticket.Queue, Record(ticket).Intent));
    }

    [Fact]
    public async Task A_complaint_to_the_procon_while_a_date_is_offered_interrupts_and_hands_off_to_the_ouvidoria()
    {
        await _bot.Send("posso pagar a fatura so na sexta?").AssertReply(PromessaCpfPrompt)
            .Send("52998224725").AssertReply(DateQuestion)
            .Send("vou abrir reclamacao no procon")
            .AssertReply(r => Assert.StartsWith("Sinto muito que chegou a esse ponto", r.Text, StringComparison.Ordinal))
            .AssertReply(HandoffStarted(1))
            .AssertEvent("handoff.initiate").AssertNoReply();

        var ticket = await _bot.TicketAsync();
        Assert.Equal((SupportLevel.N3, "ouvidoria", HandoffReasons.CriticalIntent), (ticket.Level, ticket.Queue, ticket.ReasonCode));
        var record = Record(ticket);
        Assert.Equal("reclamacao_anatel", record.Intent);
        Assert.Equal("52998224725", record.CollectedData["cpf"]); // what the customer already gave is not lost
    }

    [Fact]
    public async Task A_cep_answer_is_not_mistaken_for_an_interruption() =>
        await _bot.Send("preciso mudar o endereco da minha internet").AssertReply(_ => { }).AssertReply(CepPrompt)
            .Send("01310100").AssertReply(NumeroPrompt).AssertNoReply();

    [Fact]
    public void The_critical_intents_and_asking_for_a_person_interrupt_a_dialog_and_nothing_else_does()
    {
        Assert.Equal(["cancelamento", "falar_com_atendente", "reclamacao_anatel"], Shipped.Intents.Where(i => i.Interrupts).Select(i => i.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_shipped_intent_has_at_least_30_distinct_examples()
    {
        Assert.All(Shipped.Intents, intent =>
        {
            var distinct = intent.Examples.Select(TextNormalizer.Normalize).Distinct(StringComparer.Ordinal).Count();
            Assert.True(distinct >= 30, $"{intent.Name} has {distinct} distinct examples");
        });
    }

    /// <summary>
    /// Held-out phrasings, written apart from the examples (none is an example, accents and case aside), the way
    /// customers type: the shipped recognizer must rank the right intent first.
    /// </summary>
    [Theory]
    [InlineData("preciso da segunda via da minha fatura pfv", "segunda_via")]
    [InlineData("me manda o boleto desse mes", "segunda_via")]
    [InlineData("nao chegou meu boleto ate agr", "segunda_via")]
    [InlineData("cade a 2 via", "segunda_via")]
    [InlineData("como faco pra pegar o boleto atualizado?", "segunda_via")]
    [InlineData("quero pagar minha fatura, me envia o codigo de barra", "segunda_via")]
    [InlineData("minha net ta sem funcionar", "sem_conexao")]
    [InlineData("a internet caiu aqui em casa", "sem_conexao")]
    [InlineData("wi fi nao conecta de jeito nenhum", "sem_conexao")]
    [InlineData("internet lentaa demais", "sem_conexao")]
    [InlineData("modem com a luz vermelha piscando", "sem_conexao")]
    [InlineData("to sem internet desde cedo", "sem_conexao")]
    [InlineData("quais planos vcs tem?", "planos")]
    [InlineData("quanto custa a internet de 1 giga", "planos")]
    [InlineData("queria contratar a fibra de vcs", "planos")]
    [InlineData("tem plano mais barato q esse?", "planos")]
    [InlineData("quero aumentar minha velocidade de internet", "planos")]
    [InlineData("qual o preco dos planos", "planos")]
    [InlineData("quero falar com atendente humano", "falar_com_atendente")]
    [InlineData("me passa pra uma pessoa pfv", "falar_com_atendente")]
    [InlineData("nao quero robo, quero atendente", "falar_com_atendente")]
    [InlineData("tem alguem de verdade ai?", "falar_com_atendente")]
    [InlineData("chama um humano ai", "falar_com_atendente")]
    [InlineData("quero atendimento com uma pessoa", "falar_com_atendente")]
    [InlineData("oii boa tarde", "saudacao")]
    [InlineData("ola, bom dia!", "saudacao")]
    [InlineData("oi, tudo bem com vc?", "saudacao")]
    [InlineData("boa noitee", "saudacao")]
    [InlineData("opa, td bem?", "saudacao")]
    [InlineData("vou mudar de casa, como faco com a internet?", "mudanca_endereco")]
    [InlineData("quero trocar o endereco da minha instalacao", "mudanca_endereco")]
    [InlineData("mudei de endereco", "mudanca_endereco")]
    [InlineData("preciso levar a internet pra minha casa nova", "mudanca_endereco")]
    [InlineData("como faz a transferencia de endereco", "mudanca_endereco")]
    [InlineData("vou me mudar semana q vem e quero levar a net", "mudanca_endereco")]
    [InlineData("posso pagar a fatura so dia 15?", "promessa_pagamento")]
    [InlineData("vou atrasar o pagamento esse mes", "promessa_pagamento")]
    [InlineData("so consigo pagar semana que vem", "promessa_pagamento")]
    [InlineData("queria fazer promesa de pagamento", "promessa_pagamento")]
    [InlineData("preciso de um prazo maior pra pagar a conta", "promessa_pagamento")]
    [InlineData("da pra pagar so sexta sem cortar?", "promessa_pagamento")]
    [InlineData("quero cancelar a minha internet", "cancelamento")]
    [InlineData("como faco o cancelamento", "cancelamento")]
    [InlineData("quero cancelar meu contrato com vcs", "cancelamento")]
    [InlineData("cancela minha net pfv", "cancelamento")]
    [InlineData("nao quero mais o servico, quero cancelar", "cancelamento")]
    [InlineData("quero cancela o plano", "cancelamento")]
    [InlineData("vou reclamar na anatel de vcs", "reclamacao_anatel")]
    [InlineData("vou abrir uma reclamacao no procon", "reclamacao_anatel")]
    [InlineData("ja abri reclamação na anatel", "reclamacao_anatel")]
    [InlineData("vou denunciar vcs no procon", "reclamacao_anatel")]
    [InlineData("quero o telefone da ouvidoria", "reclamacao_anatel")]
    [InlineData("vou colocar vcs na justica", "reclamacao_anatel")]
    [InlineData("boa noite, nao to conseguindo achar a fatura no aplicativo", "segunda_via")]
    [InlineData("tem como reenviar meu boleto no zap?", "segunda_via")]
    [InlineData("qro pagar a net, cadê o boleto", "segunda_via")]
    [InlineData("a net ta lenta pra caramba", "sem_conexao")]
    [InlineData("caiu a internet dnv", "sem_conexao")]
    [InlineData("a luz do roteador ta vermelha", "sem_conexao")]
    [InlineData("quanto e o plano de 600 mega", "planos")]
    [InlineData("tem fibra disponivel no meu endereco? quero assinar", "planos")]
    [InlineData("gostaria de saber os valores", "planos")]
    [InlineData("me coloca com um atendente", "falar_com_atendente")]
    [InlineData("preciso falar com alguem urgente", "falar_com_atendente")]
    [InlineData("cansei do robo, quero pessoa", "falar_com_atendente")]
    [InlineData("bom dia moça", "saudacao")]
    [InlineData("ola tudo bem?", "saudacao")]
    [InlineData("e ai, blz?", "saudacao")]
    [InlineData("estou de mudanca", "mudanca_endereco")]
    [InlineData("meu endereco mudou", "mudanca_endereco")]
    [InlineData("como transfiro a internet pra outro endereco?", "mudanca_endereco")]
    [InlineData("vou pagar so no dia 20, pode?", "promessa_pagamento")]
    [InlineData("to sem grana, posso pagar depois", "promessa_pagamento")]
    [InlineData("nao vou conseguir pagar no vencimento", "promessa_pagamento")]
    [InlineData("quero encerrar o contrato", "cancelamento")]
    [InlineData("como faço p cancelar a fibra?", "cancelamento")]
    [InlineData("quero cancelar, vou pra outra empresa", "cancelamento")]
    [InlineData("vou abrir processo contra vcs", "reclamacao_anatel")]
    [InlineData("quero registrar queixa na anatel", "reclamacao_anatel")]
    [InlineData("ja to no procon com vcs", "reclamacao_anatel")]
    public void A_held_out_phrasing_ranks_its_intent_first(string message, string intent)
    {
        Assert.DoesNotContain(TextNormalizer.Normalize(message), Shipped.Find(intent)!.Examples.Select(TextNormalizer.Normalize));

        var top = ShippedRecognizer.Recognize(message).Top;

        Assert.NotNull(top);
        Assert.Equal(intent, top.Intent);
    }

    private static HandoffRecord Record(Ticket ticket) => ticket.Handoff.Deserialize<HandoffRecord>(HandoffJson.Options)!;

    private string HandoffStarted(long ticket) => _bot.Policy.Messages.HandoffStarted.Replace("{ticket}", ticket.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
