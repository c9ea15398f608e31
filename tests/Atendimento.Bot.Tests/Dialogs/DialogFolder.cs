using Atendimento.Bot.Dialogs;

namespace Atendimento.Bot.Tests.Dialogs;

/// <summary>A dialogs folder in a temp directory: a valid policy and intent to start from, then the files a test writes.</summary>
internal sealed class DialogFolder : IDisposable
{
    public const string ValidPolicy = """
        greeting:
          - "Oi!"
        menu:
          prompt: "Escolha:"
          options:
            - title: "Boleto"
              intent: boleto
        notUnderstood: "Não entendi."
        fallbackHandoff:
          reason: low_confidence
          level: N1
          queue: geral
        messages:
          handoffStarted: "Protocolo {ticket}"
          agentJoined: "{agent} entrou"
          ticketResolved: "Protocolo {ticket} encerrado"
          botError: "Erro"
        """;

    public const string ValidIntent = """
        intent: boleto
        title: Boleto
        examples: [boleto]
        steps:
          - ask: cpf
            prompt: "CPF?"
            validator: cpf
          - say: "CPF {cpf}"
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("atendimento-dialogs-").FullName;

    public DialogFolder()
    {
        Write(DialogLoader.PolicyFile, ValidPolicy);
        Write("intents/boleto.yaml", ValidIntent);
    }

    public string Root => _root;

    public DialogFolder Write(string relativePath, string yaml)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml.ReplaceLineEndings("\n"));
        return this;
    }

    public string PathOf(string relativePath) => Path.Combine(_root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public List<DialogError> Errors()
    {
        var errors = new List<DialogError>();
        DialogLoader.TryLoad(_root, errors);
        return errors;
    }

    /// <summary>The 1-based line of <paramref name="yaml"/> that holds <paramref name="fragment"/>: where the mistake was written.</summary>
    public static int LineOf(string yaml, string fragment)
    {
        var lines = yaml.ReplaceLineEndings("\n").Split('\n');
        var index = Array.FindIndex(lines, line => line.Contains(fragment, StringComparison.Ordinal));
        return index >= 0 ? index + 1 : throw new ArgumentException($"'{fragment}' is not in the YAML.", nameof(fragment));
    }

    /// <summary>An otherwise valid intent file <c>intents/extra.yaml</c> with these steps.</summary>
    public static string Steps(string steps) => "intent: extra\ntitle: Extra\nexamples: [extra]\nsteps:\n" + steps;

    /// <summary>Writes <paramref name="yaml"/> and checks it is reported once, with <paramref name="message"/>, at the line holding <paramref name="mistake"/>.</summary>
    public DialogError AssertOneError(string yaml, string mistake, string message, string file = "intents/extra.yaml")
    {
        Write(file, yaml);

        var errors = Errors();

        var error = Assert.Single(errors);
        Assert.Equal(PathOf(file), error.File);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(yaml, mistake), error.Line);
        return error;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
