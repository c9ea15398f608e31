using Atendimento.Bot.Dialogs;

namespace Atendimento.Bot.Tests.Dialogs;

/// <summary>Business hours as bot.yaml declares them, in São Paulo time (UTC−3, no daylight saving since 2019).</summary>
public sealed class BusinessHoursTests : IDisposable
{
    private const string Hours = """
        businessHours:
          timeZone: America/Sao_Paulo
          week:
            monday: ["08:00-12:00", "13:00-18:00"]
            saturday: ["09:00-13:00"]
            sunday: ["20:00-24:00"]
          holidays: ["2026-03-09"]
          closedMessage: "Fechado. Protocolo {ticket}."
        """;

    private readonly DialogFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("2026-03-02T10:59:00Z", false)] // Monday 07:59 local
    [InlineData("2026-03-02T11:00:00Z", true)] // Monday 08:00 local
    [InlineData("2026-03-02T15:30:00Z", false)] // 12:30 local, the lunch break between two intervals
    [InlineData("2026-03-02T16:00:00Z", true)]
    [InlineData("2026-03-02T20:59:00Z", true)]
    [InlineData("2026-03-02T21:00:00Z", false)] // 18:00 local: the end of an interval is closed
    [InlineData("2026-03-07T15:59:00Z", true)] // Saturday 12:59 local
    [InlineData("2026-03-07T16:00:00Z", false)]
    [InlineData("2026-03-08T14:00:00Z", false)] // Sunday 11:00 local: only the evening is open
    [InlineData("2026-03-09T02:59:00Z", true)] // Sunday 23:59 local, inside 20:00-24:00
    [InlineData("2026-03-09T14:00:00Z", false)] // a Monday that is a holiday
    public void IsOpen_follows_the_intervals_in_the_policy_time_zone_and_skips_holidays(string instant, bool open)
    {
        var hours = Load();

        Assert.Equal(open, hours.IsOpen(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("timeZone: America/Sao_Paulo", "timeZone: Brasil/Central", "unknown time zone 'Brasil/Central'")]
    [InlineData("monday: [\"08:00-12:00\", \"13:00-18:00\"]", "monday: [\"18:00-08:00\"]", "'18:00-08:00' is not an opening interval")]
    [InlineData("saturday:", "sabado:", "unknown day 'sabado'")]
    [InlineData("holidays: [\"2026-03-09\"]", "holidays: [\"09/03/2026\"]", "'09/03/2026' is not a date")]
    public void Mistakes_in_business_hours_are_reported_with_their_line(string good, string bad, string message)
    {
        var policy = DialogFolder.ValidPolicy + "\n" + Hours.Replace(good, bad, StringComparison.Ordinal);
        _folder.Write(DialogLoader.PolicyFile, policy);

        var error = Assert.Single(_folder.Errors());

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(DialogFolder.LineOf(policy, bad.Split('[')[0].TrimEnd()), error.Line);
    }

    private BusinessHours Load()
    {
        _folder.Write(DialogLoader.PolicyFile, DialogFolder.ValidPolicy + "\n" + Hours);
        var errors = new List<DialogError>();
        var definition = DialogLoader.TryLoad(_folder.Root, errors);
        Assert.Empty(errors);
        return definition!.Policy.Hours!;
    }
}
