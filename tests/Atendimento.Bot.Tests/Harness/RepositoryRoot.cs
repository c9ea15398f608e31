namespace Atendimento.Bot.Tests.Harness;

/// <summary>The checkout the tests run from: the folder holding <c>Atendimento.sln</c>, found by walking up from the binary.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Dialogs => System.IO.Path.Combine(Path, "dialogs");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Atendimento.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Atendimento.sln above {AppContext.BaseDirectory}.");
    }
}
