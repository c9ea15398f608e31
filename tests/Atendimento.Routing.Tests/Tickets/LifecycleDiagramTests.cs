using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>docs/routing.md shows the lifecycle as <see cref="TicketLifecycle.ToMermaid"/> draws it, so the picture cannot drift.</summary>
public sealed class LifecycleDiagramTests
{
    private const string Opening = "```mermaid\n";
    private const string Closing = "```";
    private const string Regenerate = "UPDATE_DOCS=1 ./test.sh --filter \"FullyQualifiedName~LifecycleDiagramTests\"";

    [Fact]
    public void ToMermaid_draws_every_transition_of_the_table_and_nothing_else()
    {
        var lines = TicketLifecycle.ToMermaid().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("stateDiagram-v2", lines[0]);
        var edges = lines.Skip(1).Where(line => !line.Contains("[*]", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            TicketLifecycle.Transitions.Select(t => $"    {t.From} --> {t.To}: {t.Trigger}"),
            edges);
    }

    [Fact]
    public void Docs_routing_md_holds_the_lifecycle_diagram_generated_from_the_transition_table()
    {
        var path = Path.Combine(FindRepositoryRoot(), "docs", "routing.md");
        var expected = TicketLifecycle.ToMermaid();
        var document = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        List<Range> blocks = document is null ? [] : MermaidBlocks(document);
        if (blocks.Count == 1 && document![blocks[0]] == expected)
        {
            return;
        }
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            Assert.True(blocks.Count <= 1, $"{path} has {blocks.Count} mermaid blocks; keep only the lifecycle one, then regenerate.");
            File.WriteAllText(path, WithDiagram(document, blocks, expected));
            return;
        }
        var problem = document is null ? "is missing"
            : blocks.Count == 1 ? "shows a lifecycle diagram that differs from TicketLifecycle.Transitions"
            : $"must hold exactly one ```mermaid block, the lifecycle, but holds {blocks.Count}";
        Assert.Fail($"{path} {problem}. Regenerate it with: {Regenerate}\nExpected block:\n{expected}");
    }

    /// <summary>The content ranges of every ```mermaid block, fence lines excluded.</summary>
    private static List<Range> MermaidBlocks(string document)
    {
        var blocks = new List<Range>();
        var start = document.IndexOf(Opening, StringComparison.Ordinal);
        while (start >= 0)
        {
            var contentStart = start + Opening.Length;
            var end = document.IndexOf("\n" + Closing, contentStart - 1, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }
            blocks.Add(contentStart..(end + 1));
            start = document.IndexOf(Opening, end + 1 + Closing.Length, StringComparison.Ordinal);
        }
        return blocks;
    }

    private static string WithDiagram(string? document, List<Range> blocks, string diagram)
    {
        if (blocks.Count == 1)
        {
            var (offset, length) = blocks[0].GetOffsetAndLength(document!.Length);
            return document[..offset] + diagram + document[(offset + length)..];
        }
        var head = document is null ? "# Routing\n" : document.TrimEnd('\n') + "\n";
        return head + "\n## Ticket lifecycle\n\n" + Opening + diagram + Closing + "\n";
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Atendimento.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Atendimento.sln above {AppContext.BaseDirectory}.");
    }
}
