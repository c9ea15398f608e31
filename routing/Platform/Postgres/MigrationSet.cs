using System.Reflection;

namespace Atendimento.Platform.Postgres;

/// <summary>
/// The SQL migrations one module embeds (files named <c>Migrations/NNNN_name.sql</c>).
/// Modules apply in <see cref="Order"/> so that later modules may reference earlier tables.
/// </summary>
public sealed record MigrationSet(string Module, int Order, Assembly Assembly)
{
    public IReadOnlyList<(string Name, string Sql)> LoadScripts() =>
        Assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal) && name.Contains(".Migrations.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => (ScriptName(name), Read(name)))
            .ToList();

    private static string ScriptName(string resourceName)
    {
        var start = resourceName.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length;
        return resourceName[start..];
    }

    private string Read(string resourceName)
    {
        using var stream = Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded migration {resourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
