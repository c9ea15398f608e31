using Atendimento.Bot.Recognition;

namespace Atendimento.Bot.Tests.Recognition.Trained;

/// <summary>A small labelled set with three intents that share no content words.</summary>
internal static class SyntheticIntents
{
    public static IReadOnlyList<LabelledExample> Examples { get; } =
    [
        new("quero a segunda via do boleto", "boleto"),
        new("preciso do boleto atualizado", "boleto"),
        new("me manda a fatura do mes", "boleto"),
        new("nao recebi a fatura", "boleto"),
        new("boleto vencido, como pago?", "boleto"),
        new("minha internet caiu", "sem_conexao"),
        new("estou sem conexao desde ontem", "sem_conexao"),
        new("a internet esta muito lenta", "sem_conexao"),
        new("o wifi nao conecta", "sem_conexao"),
        new("modem piscando vermelho, sem sinal", "sem_conexao"),
        new("quero cancelar o contrato", "cancelamento"),
        new("como faco para cancelar", "cancelamento"),
        new("quero encerrar minha assinatura", "cancelamento"),
        new("cancela tudo por favor", "cancelamento"),
        new("desejo rescindir o plano", "cancelamento"),
    ];
}
