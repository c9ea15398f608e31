namespace Atendimento.Bot.Dialogs;

/// <summary>Checks across files for <c>dialog</c> steps: the intent they start exists, and no dialog ends up starting itself.</summary>
internal static class DialogCallChecks
{
    public static void Check(IReadOnlyList<IntentDefinition> intents, List<DialogError> errors)
    {
        var byName = intents.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var intent in intents)
        {
            foreach (var call in Calls(intent.Steps))
            {
                if (!byName.ContainsKey(call.Intent))
                {
                    errors.Add(new DialogError(intent.File, call.Line, $"unknown intent '{call.Intent}' in a dialog step"));
                }
                else if (Reaches(byName, call.Intent, intent.Name, []))
                {
                    errors.Add(new DialogError(intent.File, call.Line, $"dialog '{call.Intent}' leads back to '{intent.Name}': the dialogs would start each other forever"));
                }
            }
        }
    }

    private static bool Reaches(Dictionary<string, IntentDefinition> byName, string from, string target, HashSet<string> seen)
    {
        if (from == target)
        {
            return true;
        }
        if (!seen.Add(from) || !byName.TryGetValue(from, out var intent))
        {
            return false;
        }
        return Calls(intent.Steps).Any(call => Reaches(byName, call.Intent, target, seen));
    }

    private static IEnumerable<DialogCallStep> Calls(IReadOnlyList<DialogStep> steps) =>
        steps.SelectMany(step => step.Branches.SelectMany(Calls).Prepend(step as DialogCallStep)).OfType<DialogCallStep>();
}
