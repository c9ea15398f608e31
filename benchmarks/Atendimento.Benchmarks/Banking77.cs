using Atendimento.Bot.Cli;
using Atendimento.Bot.Recognition;

namespace Atendimento.Benchmarks;

/// <summary>banking77's train.csv (10,003 examples), from ../shared/data beside the repository or BANKING77_TRAIN.</summary>
internal static class Banking77
{
    public static IReadOnlyList<LabelledExample> Train()
    {
        var path = Environment.GetEnvironmentVariable("BANKING77_TRAIN") ?? Find();
        var result = LabelledDataFile.Load(path);
        return result.Error is null ? result.Rows : throw new InvalidOperationException(result.Error);
    }

    /// <summary>The repository's shipped dialogs folder, found above the benchmark binary.</summary>
    public static string ShippedDialogs() => Path.GetDirectoryName(Find(Path.Combine("dialogs", "bot.yaml")))!;

    private static string Find() => Find(Path.Combine("shared", "data", "banking77", "train.csv"));

    private static string Find(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"{relative} not found above the benchmark binary.");
    }
}
