namespace Atendimento.Bot.Recognition;

/// <summary>A message and the intent it means: a training, validation or test row.</summary>
public sealed record LabelledExample(string Text, string Intent);
