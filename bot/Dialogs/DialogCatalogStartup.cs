namespace Atendimento.Bot.Dialogs;

/// <summary>
/// Loads the dialogs while the host starts, so an invalid or missing dialogs folder stops the start with every
/// error listed, instead of passing readiness and failing each conversation later.
/// </summary>
internal sealed class DialogCatalogStartup(DialogCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        catalog.Current.Definition.Intents.Count > 0
            ? Task.CompletedTask
            : throw new DialogValidationException([new DialogError(catalog.Directory, 1, "no intents are defined")]);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
