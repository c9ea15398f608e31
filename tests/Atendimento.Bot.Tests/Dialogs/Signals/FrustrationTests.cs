using Atendimento.Bot.Dialogs;
using Atendimento.Bot.Dialogs.Signals;
using Atendimento.Bot.Tests.Harness;

namespace Atendimento.Bot.Tests.Dialogs.Signals;

public sealed class FrustrationTests
{
    [Theory]
    [InlineData("vcs são uns LADRÕES")]
    [InlineData("atendente idiotaaa")]
    [InlineData("bando de safados")]
    public void Swearing_and_insults_read_as_abusive(string text) => Assert.Equal(Mood.Abusive, Frustration.Read(text));

    [Theory]
    [InlineData("isso é um absurdo")]
    [InlineData("que merda de internet")]
    [InlineData("serviço lixooo")]
    [InlineData("que descaso com o cliente")]
    [InlineData("ninguém resolve meu problema")]
    [InlineData("NÃO AGUENTO MAIS ESSA INTERNET CAINDO")]
    [InlineData("cadê o técnico!!!")]
    [InlineData("é a terceira vez que ligo, estou cansada")]
    public void Complaint_words_phrases_and_shouting_read_as_frustrated(string text) => Assert.Equal(Mood.Frustrated, Frustration.Read(text));

    [Theory]
    [InlineData("a internet caiu de novo")]
    [InlineData("quero a segunda via do boleto")]
    [InlineData("OK")]
    [InlineData("Obrigada!")]
    [InlineData("CPF 52998224725")]
    public void Describing_a_problem_calmly_reads_as_calm(string text) => Assert.Equal(Mood.Calm, Frustration.Read(text));

    [Fact]
    public void No_example_of_the_shipped_dialogs_reads_as_abusive_and_outside_complaints_hardly_any_as_frustrated()
    {
        var intents = DialogLoader.Load(RepositoryRoot.Dialogs).Intents;
        var moods = intents.SelectMany(intent => intent.Examples.Select(text => (intent.Name, Text: text, Mood: Frustration.Read(text)))).ToList();
        var ordinary = moods.Where(m => m.Name is not ("reclamacao_anatel" or "cancelamento")).ToList();

        Assert.DoesNotContain(moods, m => m.Mood == Mood.Abusive);
        // One venting message alone never hands off (two are needed), so a rare one among ordinary requests is fine.
        Assert.True(ordinary.Count(m => m.Mood == Mood.Frustrated) <= ordinary.Count / 50,
            string.Join(" | ", ordinary.Where(m => m.Mood == Mood.Frustrated).Select(m => m.Text)));
    }
}
