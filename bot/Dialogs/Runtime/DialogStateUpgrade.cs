namespace Atendimento.Bot.Dialogs.Runtime;

/// <summary>
/// Brings a stored dialog state up to <see cref="DialogState.CurrentSchema"/>. Schema 1 held one dialog in
/// Intent/Position/Retries and no version: it becomes a one-frame stack that trusts its position when the current
/// definition has a waiting step there (and otherwise restarts the dialog, as for any edit that moved the step).
/// </summary>
internal static class DialogStateUpgrade
{
    public static DialogState Upgrade(DialogState state, BotDefinition definition)
    {
        if (state.Schema >= DialogState.CurrentSchema)
        {
            return state;
        }
        List<DialogFrame> stack = [];
        if (state.LegacyIntent is { } intent && state.LegacyPosition is { Count: > 0 } position)
        {
            var current = definition.Find(intent);
            stack.Add(new DialogFrame(intent, current?.Version, position, state.LegacyRetries ?? 0, current?.StepAt(position)?.Awaits));
        }
        return state with { Schema = DialogState.CurrentSchema, Stack = stack, LegacyIntent = null, LegacyPosition = null, LegacyRetries = null };
    }
}
