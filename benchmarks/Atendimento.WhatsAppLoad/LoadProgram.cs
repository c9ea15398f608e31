namespace Atendimento.WhatsAppLoad;

/// <summary>
/// Not top-level statements: those would declare a second <c>Program</c>, and the host wrapper needs the bot's.
/// Needs ATENDIMENTO_TEST_POSTGRES and ATENDIMENTO_TEST_REDIS (benchmarks/with-databases.sh starts both).
/// </summary>
internal static class LoadProgram
{
    public static async Task<int> Main(string[] args)
    {
        var settings = LoadSettings.Parse(args);
        Console.WriteLine($"WhatsApp load: {settings.Messages} messages, {settings.Conversations} conversations, {settings.Numbers} numbers, " +
            $"{settings.ServerErrorRatio:P0} injected 5xx (seed {settings.Seed}), limit {settings.PerSecond} msg/s per number, two hosts.");
        await using var run = await LoadRun.StartAsync(settings);
        var report = LoadReport.From(settings, await run.SendAllAsync());
        Console.WriteLine(report.ToMarkdown());
        return report.Passed ? 0 : 1;
    }
}
