using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Trained;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Dialogs;

public sealed class DialogOptions
{
    public const string Section = "Dialogs";

    /// <summary>The dialogs folder; relative paths are resolved against the content root, then the binary's folder.</summary>
    public string Directory { get; set; } = "dialogs";
}

/// <summary>The loaded dialogs and the recognizer trained on their examples, swapped together as one snapshot.</summary>
public sealed record LoadedDialogs(BotDefinition Definition, IIntentRecognizer Recognizer);

/// <summary>Loads the dialogs once at start-up; an invalid folder stops the start with every error listed.</summary>
public sealed class DialogCatalog
{
    public DialogCatalog(IOptions<DialogOptions> options, Microsoft.Extensions.Hosting.IHostEnvironment environment, IIntentRecognizerFactory recognizers)
    {
        ArgumentNullException.ThrowIfNull(recognizers);
        Directory = ResolveDirectory(options.Value.Directory, environment.ContentRootPath);
        var definition = DialogLoader.Load(Directory);
        Current = new LoadedDialogs(definition, recognizers.Create(definition.ExamplesByIntent()));
    }

    public string Directory { get; }

    public LoadedDialogs Current { get; }

    private static string ResolveDirectory(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return configured;
        }
        string[] candidates = [Path.Combine(contentRoot, configured), Path.Combine(contentRoot, "..", configured), Path.Combine(AppContext.BaseDirectory, configured)];
        return candidates.FirstOrDefault(path => File.Exists(Path.Combine(path, DialogLoader.PolicyFile))) ?? candidates[0];
    }
}
